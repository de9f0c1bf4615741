package io.incidents.timelineservice.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.incidents.events.Severity;
import io.incidents.policy.RollbackDurations;
import io.incidents.timelineservice.incident.IncidentStatus;
import io.incidents.timelineservice.incident.IncidentSummary;
import io.incidents.timelineservice.incident.IncidentView;
import io.incidents.timelineservice.incident.LiveSla;
import io.incidents.timelineservice.incident.ResponsePhases;
import io.incidents.timelineservice.incident.RollbackTiming;
import io.incidents.timelineservice.timeline.TimelineEntry;

import java.time.Instant;
import java.util.List;

/** What the read API answers. */
final class IncidentResponses {

    private IncidentResponses() {
    }

    /**
     * One incident of the list. {@code detectedAt} is where its SLA clocks started (SPEC 4), so a
     * reader can tell why a deadline lies nearer than declaration + target; {@code detectedAtAsGiven}
     * is the time given when it was clamped, else null. {@code overrun}: a rollback of the incident
     * ran (or still runs) past its procedure's upper bound, live, as {@link RollbackTiming} judges it.
     * {@code drill}: one of the plan's simulations, left out of SLA reports; {@code type}: the incident
     * type (the runbook's scenario), null until one is set. {@code phase}: the plan's response phase it is in
     * ({@link ResponsePhases}).
     */
    record IncidentItem(String id, String title, Severity severity, IncidentStatus status, List<String> services,
                        Instant declaredAt, Instant detectedAt, Instant detectedAtAsGiven, Instant acknowledgedAt,
                        Instant resolvedAt, int escalationLevel, LiveSla sla, boolean overrun, boolean drill, String type,
                        ResponsePhases.Phase phase) {

        static IncidentItem of(IncidentSummary summary, RollbackDurations durations, Instant now) {
            IncidentView v = summary.view();
            return new IncidentItem(v.incidentId(), v.title(), v.severity(), v.status(), v.services(), v.declaredAt(),
                    v.detectedAt(), v.detectedAtAsGiven(), v.acknowledgedAt(), v.resolvedAt(), v.escalationLevel(),
                    LiveSla.of(summary.sla(), now), RollbackTiming.anyOverrun(v, durations, now), v.drill(), v.type(),
                    v.phase());
        }
    }

    record IncidentPage(List<IncidentItem> items, int page, int size, long total) {
    }

    /**
     * One incident; {@code overrun} as in the list: any of {@code rollbackTimings} is overrun. Its
     * action items and post-mortem are judged overdue as of now.
     */
    record IncidentDetail(@JsonUnwrapped IncidentView incident, LiveSla sla, List<RollbackTiming> rollbackTimings,
                          boolean overrun) {

        static IncidentDetail of(IncidentSummary summary, RollbackDurations durations, Instant now) {
            List<RollbackTiming> timings = RollbackTiming.of(summary.view(), durations, now);
            return new IncidentDetail(summary.view().judgedAt(now), LiveSla.of(summary.sla(), now), timings,
                    timings.stream().anyMatch(RollbackTiming::overrun));
        }
    }

    record TimelineResponse(String incidentId, Instant asOf, IncidentView incident, List<TimelineEntry> entries) {
    }
}
