package io.incidents.timelineservice.dashboard.board;

import io.incidents.events.AlertRecommendation;
import io.incidents.events.IncidentRole;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackDurations;
import io.incidents.timelineservice.dashboard.LevelHolders;
import io.incidents.timelineservice.incident.IncidentStatus;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.ResponsePhases;
import io.incidents.timelineservice.incident.RollbackTiming;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One open incident on the board, with everything its row shows. {@code overrun}: one of its
 * rollbacks, running or not, ran past its procedure's upper bound (or was recorded to).
 * {@code drill}: one of the plan's simulations, marked as such. {@code responsePhase}: the plan's
 * response phase it is in, since {@code responsePhaseSince} (both null for a summary stored before
 * phases were derived).
 */
public record BoardRow(String id, String title, Severity severity, IncidentStatus status, StatusPagePhase phase,
                       List<String> services, Instant declaredAt, Countdown acknowledge, Countdown resolve,
                       int escalationLevel, String escalationLevelName, String levelHolder, String commander, RunningRollback rollback,
                       AlertRecommendation recommendation, boolean mine, boolean overrun, boolean drill,
                       ResponsePhases.Phase responsePhase, Instant responsePhaseSince) {

    /** A rollback still running, against its procedure's upper bound. */
    public record RunningRollback(String procedure, Instant startedAt, long expectedMaxSeconds, boolean overrun) {
    }

    /** Breached first, then the most severe, then the nearest deadline. */
    public static final Comparator<BoardRow> ORDER = Comparator
            .comparing((BoardRow row) -> !row.breached())
            .thenComparing(BoardRow::severity)
            .thenComparing(BoardRow::nextDeadline);

    public static BoardRow of(IncidentSummary summary, RollbackDurations durations, LevelHolders holders, String viewer,
                              Instant now) {
        IncidentView v = summary.view();
        RunningRollback rollback = v.rollbacks().stream()
                .filter(r -> r.status() == IncidentView.RollbackStatus.RUNNING)
                .reduce((first, second) -> second)
                .map(r -> {
                    RollbackTiming timing = RollbackTiming.of(r, durations, now);
                    return new RunningRollback(r.procedure().name(), r.startedAt(), timing.expectedMaxSeconds(), timing.overrun());
                })
                .orElse(null);
        boolean mine = viewer.equals(v.acknowledgedBy()) || v.roles().containsValue(viewer);
        return new BoardRow(v.incidentId(), v.title(), v.severity(), v.status(), v.statusPagePhase(), v.services(),
                v.declaredAt(), Countdown.of(summary.sla().acknowledge(), summary.sla().detectedAt(), now),
                Countdown.of(summary.sla().resolve(), summary.sla().detectedAt(), now), v.escalationLevel(),
                EscalationPolicy.levelName(v.escalationLevel()), holders.holderOf(v.escalationLevel()),
                v.roles().get(IncidentRole.INCIDENT_COMMANDER), rollback,
                v.recommendation(), mine, RollbackTiming.anyOverrun(v, durations, now), v.drill(), v.phase(),
                v.phases().isEmpty() ? null : v.phases().get(v.phases().size() - 1).startedAt());
    }

    public boolean breached() {
        return acknowledge.state() == Countdown.State.BREACHED || resolve.state() == Countdown.State.BREACHED;
    }

    public boolean breaching() {
        return acknowledge.breaching() || resolve.breaching();
    }

    public boolean unacknowledged() {
        return status == IncidentStatus.OPEN;
    }

    public Instant nextDeadline() {
        return acknowledge.running() ? acknowledge.deadline() : resolve.deadline();
    }

    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
