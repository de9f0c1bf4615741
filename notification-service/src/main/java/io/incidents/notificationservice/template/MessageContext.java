package io.incidents.notificationservice.template;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.MitigationApplied;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackStarted;
import io.incidents.events.SeverityChanged;
import io.incidents.notificationservice.incident.IncidentState;
import io.incidents.policy.EscalationPolicy;
import io.incidents.notificationservice.routing.NotificationProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The values a template can use, from the incident's state and the event that caused the message. */
public final class MessageContext {

    /** What the status page calls an incident whose responders published no title of their own. */
    public static final String DEFAULT_PUBLIC_TITLE = "Service disruption";
    private static final String DRILL = "DRILL: ";

    private MessageContext() {
    }

    public static Map<String, Object> of(IncidentState incident, IncidentEvent event, NotificationProperties.Links links) {
        Map<String, Object> context = new HashMap<>();
        context.put("incidentId", incident.incidentId());
        context.put("title", (incident.drill() ? DRILL : "") + incident.title());
        context.put("severity", incident.severity().name());
        context.put("services", String.join(", ", incident.services()));
        // The status page's words: what a responder published for customers, never internal names.
        context.put("publicTitle", incident.publicTitle() == null ? DEFAULT_PUBLIC_TITLE : incident.publicTitle());
        context.put("components", incident.publicComponents().isEmpty() ? "some of our services"
                : String.join(", ", incident.publicComponents()));
        context.put("declaredAt", incident.declaredAt().toString());
        context.put("level", incident.toldLevel());
        context.put("levelName", EscalationPolicy.levelName(incident.toldLevel()));
        context.put("publicMessage", incident.publicMessage());
        context.put("resolution", incident.resolution());
        Instant end = incident.resolvedAt() == null ? event.occurredAt() : incident.resolvedAt();
        context.put("duration", humanDuration(Duration.between(incident.declaredAt(), end)));
        context.put("change", change(event));
        context.put("incidentUrl", links.timelineBaseUrl() + "/api/v1/incidents/" + incident.incidentId());
        context.put("postMortemUrl", links.timelineBaseUrl() + "/api/v1/incidents/" + incident.incidentId() + "/postmortem");
        context.put("statusPageUrl", links.statusPageUrl());
        return context;
    }

    public static String subject(IncidentState incident, String template) {
        String kind = switch (template) {
            case "chat-initial" -> "declared";
            case "chat-resolution", "support-resolution" -> "resolved";
            case "support-alert" -> "customers may be affected";
            default -> "update";
        };
        return (incident.drill() ? DRILL : "") + "[" + incident.severity() + "] " + incident.title() + " - " + kind;
    }

    /** What happened, in a few words; empty for the declaration itself. */
    static String change(IncidentEvent event) {
        if (event instanceof IncidentAcknowledged e) {
            return "acknowledged by " + e.acknowledgedBy();
        }
        if (event instanceof SeverityChanged e) {
            return (e.to().isMoreSevereThan(e.from()) ? "severity raised" : "severity lowered") + " from " + e.from()
                    + " to " + e.to() + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (event instanceof IncidentEscalated e) {
            return "escalated to level " + e.level() + " (" + EscalationPolicy.levelName(e.level()) + ")"
                    + (e.note() == null ? "" : ": " + e.note());
        }
        if (event instanceof IncidentStatusUpdated e) {
            return "status " + e.phase().name().toLowerCase() + ": " + e.message();
        }
        if (event instanceof RollbackStarted e) {
            return "rollback of " + String.join(", ", e.services()) + " to " + e.targetVersion() + " started (procedure "
                    + e.procedure() + ")";
        }
        if (event instanceof RollbackCompleted) {
            return "rollback completed";
        }
        if (event instanceof RollbackFailed e) {
            return "rollback failed: " + e.reason();
        }
        if (event instanceof IncidentReopened e) {
            return "reopened: " + e.reason();
        }
        if (event instanceof IncidentNoteAdded e) {
            return "note by " + e.author() + ": " + e.text();
        }
        if (event instanceof MitigationApplied e) {
            return "mitigated by a " + (e.kind() == MitigationKind.QUICK_FIX ? "quick fix" : "workaround") + ": " + e.description();
        }
        if (event instanceof DecisionOverdue e) {
            return "reminder: " + e.recommendation() + " was to be decided by " + e.decideBy()
                    + " and no rollback has started";
        }
        if (event instanceof PostMortemOverdue e) {
            return "reminder: the post-mortem" + (e.owner() == null ? "" : " (" + e.owner() + ")") + " was due by "
                    + e.dueAt() + " and is not completed";
        }
        if (event instanceof ActionItemOverdue e) {
            return "reminder: an action item of " + e.owner() + " was due on " + e.dueDate() + " and is still open";
        }
        if (event instanceof RollbackOverran e) {
            return "rollback (procedure " + e.procedure() + ") is still running past its expected "
                    + humanDuration(e.expectedWithin());
        }
        return "";
    }

    static String humanDuration(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
