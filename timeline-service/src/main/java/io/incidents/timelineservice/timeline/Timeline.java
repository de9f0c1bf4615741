package io.incidents.timelineservice.timeline;

import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.SeverityChanged;
import io.incidents.events.SourceType;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.RollbackDurations;
import io.incidents.support.events.StoredEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incident's events as sentences ("alice acknowledged after 3 m 12 s"). Pure and
 * deterministic: the same events always give the same entries.
 */
public final class Timeline {

    private Timeline() {
    }

    public static List<TimelineEntry> of(List<StoredEvent> events, RollbackDurations rollbackDurations) {
        Sentences sentences = new Sentences(rollbackDurations);
        List<TimelineEntry> entries = new ArrayList<>();
        for (StoredEvent stored : events) {
            entries.add(new TimelineEntry(stored.sequence(), stored.eventId(), stored.type(), stored.occurredAt(),
                    stored.actor(), sentences.describe(stored)));
        }
        return entries;
    }

    public static String procedureName(RollbackProcedure procedure) {
        return switch (procedure) {
            case A -> "code rollback";
            case B -> "code and database rollback";
            case C -> "partial rollback";
            case D -> "emergency shutdown";
        };
    }

    private static final class Sentences {
        private final RollbackDurations rollbackDurations;
        private final Map<String, RollbackStarted> rollbacks = new HashMap<>();
        private Instant declaredAt;

        Sentences(RollbackDurations rollbackDurations) {
            this.rollbackDurations = rollbackDurations;
        }

        String describe(StoredEvent stored) {
            String who = stored.actor() == null ? "someone" : stored.actor();
            IncidentEvent event = stored.event();
            if (event instanceof IncidentDeclared e) {
                declaredAt = e.declaredAt();
                String by = e.source() != null && e.source().type() == SourceType.ALERT
                        ? "alert " + e.source().dedupKey() + " from " + e.source().integration() : who;
                return by + " declared " + e.severity() + " \"" + e.title() + "\" affecting " + String.join(", ", e.services())
                        + recommendation(e.recommendation(), e.declaredAt());
            }
            if (event instanceof AlertReceived e) {
                return "alert \"" + e.summary() + "\" (" + e.alertSeverity() + ") fired again and was grouped here";
            }
            if (event instanceof IncidentAcknowledged e) {
                return e.acknowledgedBy() + " acknowledged" + sinceDeclaration(e.acknowledgedAt());
            }
            if (event instanceof SeverityChanged e) {
                String direction = e.to().isMoreSevereThan(e.from()) ? "raised" : "lowered";
                return who + " " + direction + " severity from " + e.from() + " to " + e.to() + reason(e.reason());
            }
            if (event instanceof IncidentStatusUpdated e) {
                return who + " posted status " + capitalised(e.phase().name()) + ": " + e.message();
            }
            if (event instanceof RoleAssigned e) {
                return e.person() + " is now " + roleName(e.role());
            }
            if (event instanceof RollbackStarted e) {
                rollbacks.put(e.rollbackId(), e);
                return who + " started a " + procedureName(e.procedure()) + " (procedure " + e.procedure() + ") of "
                        + String.join(", ", e.services()) + " to " + e.targetVersion() + reason(e.reason());
            }
            if (event instanceof RollbackCompleted e) {
                return rollbackEnded(e.rollbackId(), "completed", e.completedAt(), null);
            }
            if (event instanceof RollbackFailed e) {
                return rollbackEnded(e.rollbackId(), "failed", e.failedAt(), e.reason());
            }
            if (event instanceof IncidentEscalated e) {
                String to = "escalated to level " + e.level() + " (" + EscalationPolicy.levelName(e.level()) + ")";
                return e.reason() == EscalationReason.ACK_OVERDUE
                        ? Character.toUpperCase(to.charAt(0)) + to.substring(1) + ": not acknowledged in time"
                        : who + " " + to + reason(e.note());
            }
            if (event instanceof IncidentResolved e) {
                return who + " resolved" + sinceDeclaration(e.resolvedAt()) + ": " + e.summary();
            }
            if (event instanceof IncidentReopened e) {
                return who + " reopened" + reason(e.reason());
            }
            if (event instanceof PostMortemActionItemAdded e) {
                return who + " added action item \"" + e.text() + "\" for " + e.owner()
                        + (e.dueDate() == null ? "" : ", due " + e.dueDate());
            }
            return who + " recorded " + stored.type();
        }

        private String rollbackEnded(String rollbackId, String verb, Instant at, String why) {
            RollbackStarted started = rollbacks.get(rollbackId);
            if (started == null) {
                return "rollback " + rollbackId + " " + verb + reason(why);
            }
            Duration took = Duration.between(started.startedAt(), at);
            String sentence = "rollback to " + started.targetVersion() + " " + verb + " after " + HumanDuration.of(took);
            if (rollbackDurations.isOverrun(started.procedure(), took)) {
                sentence += " (over the " + HumanDuration.of(rollbackDurations.expectedFor(started.procedure()).max())
                        + " expected for procedure " + started.procedure() + ")";
            }
            return sentence + reason(why);
        }

        private String sinceDeclaration(Instant at) {
            return declaredAt == null ? "" : " after " + HumanDuration.of(Duration.between(declaredAt, at));
        }
    }

    /** The decision matrix's advice for an alert's error rate, e.g. "; error rate 12.5 %: ROLLBACK_NOW within 5 m 0 s". */
    public static String recommendation(AlertRecommendation recommendation, Instant declaredAt) {
        if (recommendation == null) {
            return "";
        }
        return "; error rate " + recommendation.errorRatePercent().toPlainString() + " %: " + recommendation.recommendation()
                + (recommendation.decideBy() == null ? "" : " within " + HumanDuration.of(Duration.between(declaredAt,
                recommendation.decideBy())));
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    private static String roleName(IncidentRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String capitalised(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
