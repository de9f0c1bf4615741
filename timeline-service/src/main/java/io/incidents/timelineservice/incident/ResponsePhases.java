package io.incidents.timelineservice.incident;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackStarted;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's response phases (SPEC 7) derived from an incident's events, in sequence order, each
 * at the time its event carries. The main line, one phase at a time:
 * <ol>
 *     <li>{@code TRIAGE} from detection until the first acknowledgement;</li>
 *     <li>{@code INVESTIGATION} from the acknowledgement until a mitigation starts (a rollback
 *     started, or a quick fix or workaround applied);</li>
 *     <li>{@code MITIGATION} until the incident is mitigated (a rollback completed, or a quick fix or
 *     workaround applied, which starts and ends it at once: a span of 0 s);</li>
 *     <li>{@code RESOLUTION} from mitigation until the resolution;</li>
 *     <li>{@code POST_INCIDENT} from the resolution until the post-mortem is completed, then
 *     {@code CLOSED} (no span).</li>
 * </ol>
 * A phase not gone through is skipped: a mitigation before any acknowledgement goes from triage
 * straight to mitigation (the later ack changes nothing), a resolution from wherever the incident
 * stood goes to post-incident. A reopen goes back to investigation. A failed rollback does not end
 * mitigation; a note (a finding) belongs to investigation but moves nothing. Communication (5) runs
 * beside the others: {@link Communication} says when the first status update went out, if any.
 * A time earlier than the current phase's start (clocks disagreeing) counts as that start, so no
 * span is negative. The current phase's span is open ({@code endedAt} null), counted until the
 * moment it is judged at: the last event, {@code asOf} or now, as the view's other live fields; a
 * resolved incident's until its last event ({@link IncidentView#judgedAt}), as the post-mortem counts.
 */
public final class ResponsePhases {

    public enum Phase {
        TRIAGE("detection and triage"),
        INVESTIGATION("investigation"),
        MITIGATION("mitigation"),
        RESOLUTION("resolution"),
        POST_INCIDENT("post-incident"),
        CLOSED("closed");

        private final String title;

        Phase(String title) {
            this.title = title;
        }

        /** As the plan names it. */
        public String title() {
            return title;
        }
    }

    /**
     * One stay in a phase (a phase can come again after a reopen).
     *
     * @param endedAt null while it is the current phase
     * @param seconds from start to end, or for the current phase to the moment judged at
     */
    public record Span(Phase name, Instant startedAt, Instant endedAt, long seconds) {

        Span judgedAt(Instant at) {
            return endedAt != null ? this : new Span(name, startedAt, null, secondsBetween(startedAt, at));
        }
    }

    /**
     * The communication phase, concurrent with the others.
     *
     * @param firstUpdateAt         when the first status update was posted; null while none was
     * @param secondsAfterDetection from detection to that first update; null while none was
     * @param updates               how many status updates were posted
     */
    public record Communication(Instant firstUpdateAt, Long secondsAfterDetection, Instant lastUpdateAt, int updates) {
    }

    private final Instant detectedAt;
    private final List<Span> ended = new ArrayList<>();
    private Phase current = Phase.TRIAGE;
    private Instant since;
    private Instant firstUpdateAt;
    private Instant lastUpdateAt;
    private int updates;

    private ResponsePhases(Instant detectedAt) {
        this.detectedAt = detectedAt;
        this.since = detectedAt;
    }

    /** An incident detected at {@code detectedAt}: in triage. */
    public static ResponsePhases detectedAt(Instant detectedAt) {
        return new ResponsePhases(detectedAt);
    }

    /** The phases after {@code events} (those after the declaration), in sequence order. */
    public static ResponsePhases of(Instant detectedAt, List<? extends IncidentEvent> events) {
        ResponsePhases phases = detectedAt(detectedAt);
        events.forEach(phases::apply);
        return phases;
    }

    public void apply(IncidentEvent event) {
        if (event instanceof IncidentAcknowledged e) {
            if (current == Phase.TRIAGE) {
                enter(Phase.INVESTIGATION, e.acknowledgedAt());
            }
        } else if (event instanceof RollbackStarted e) {
            mitigationStarted(e.startedAt());
        } else if (event instanceof MitigationApplied e) {
            mitigated(e.appliedAt());
        } else if (event instanceof RollbackCompleted e) {
            mitigated(e.completedAt());
        } else if (event instanceof IncidentResolved e) {
            if (current != Phase.POST_INCIDENT && current != Phase.CLOSED) {
                enter(Phase.POST_INCIDENT, e.resolvedAt());
            }
        } else if (event instanceof IncidentReopened e) {
            enter(Phase.INVESTIGATION, e.reopenedAt());
        } else if (event instanceof PostMortemCompleted e) {
            if (current == Phase.POST_INCIDENT) {
                enter(Phase.CLOSED, e.completedAt());
            }
        } else if (event instanceof IncidentStatusUpdated e) {
            if (firstUpdateAt == null) {
                firstUpdateAt = e.updatedAt();
            }
            lastUpdateAt = e.updatedAt();
            updates++;
        }
    }

    private void mitigationStarted(Instant at) {
        if (current == Phase.TRIAGE || current == Phase.INVESTIGATION) {
            enter(Phase.MITIGATION, at);
        }
    }

    private void mitigated(Instant at) {
        mitigationStarted(at);
        if (current == Phase.MITIGATION) {
            enter(Phase.RESOLUTION, at);
        }
    }

    private void enter(Phase next, Instant at) {
        Instant start = at == null || at.isBefore(since) ? since : at;
        if (current != Phase.CLOSED) {
            ended.add(new Span(current, since, start, secondsBetween(since, start)));
        }
        current = next;
        since = start;
    }

    public Phase current() {
        return current;
    }

    /** Every span in order, the current one (unless {@code CLOSED}) counted until {@code at}. */
    public List<Span> spans(Instant at) {
        List<Span> spans = new ArrayList<>(ended);
        if (current != Phase.CLOSED) {
            spans.add(new Span(current, since, null, secondsBetween(since, at)));
        }
        return List.copyOf(spans);
    }

    public Communication communication() {
        return new Communication(firstUpdateAt, firstUpdateAt == null ? null : secondsBetween(detectedAt, firstUpdateAt),
                lastUpdateAt, updates);
    }

    /** The same spans with the current one counted until {@code at} instead. */
    public static List<Span> judgedAt(List<Span> spans, Instant at) {
        return spans.stream().map(span -> span.judgedAt(at)).toList();
    }

    /** The total seconds spent in {@code phase} over all its stays. */
    public static long secondsIn(List<Span> spans, Phase phase) {
        return spans.stream().filter(span -> span.name() == phase).mapToLong(Span::seconds).sum();
    }

    private static long secondsBetween(Instant from, Instant to) {
        return to == null || to.isBefore(from) ? 0 : Duration.between(from, to).getSeconds();
    }
}
