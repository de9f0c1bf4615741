package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a PagerDuty Events API v2 event as real clients send it: explicit nulls for optional
 * fields, nanosecond timestamps, and for acknowledge / resolve a placeholder payload (summary
 * "BLANK", severity "info") that must change nothing. What PagerDuty itself refuses is refused;
 * {@code payload.component} (the service), {@code source} and {@code custom_details} are made
 * to fit by {@link Alert}.
 */
final class PagerDutyEvents {

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private PagerDutyEvents() {
    }

    record Parsed(String routingKey, Alert alert) {
    }

    static Parsed parse(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (event == null || !event.isObject()) {
            throw new AlertRejected(List.of("Event must be a JSON object"));
        }
        String routingKey = text(event, "routing_key");
        if (routingKey == null || routingKey.isBlank()) {
            errors.add("'routing_key' is missing or blank");
        }
        String action = text(event, "event_action");
        if (action == null || !ACTIONS.contains(action)) {
            errors.add("'event_action' must be one of trigger, acknowledge, resolve");
        }
        String dedupKey = text(event, "dedup_key");
        if (dedupKey != null && dedupKey.length() > Alert.DEDUP_KEY_LIMIT) {
            errors.add("'dedup_key' must be at most " + Alert.DEDUP_KEY_LIMIT + " characters");
        }
        if (!"trigger".equals(action) && action != null && ACTIONS.contains(action) && (dedupKey == null || dedupKey.isBlank())) {
            errors.add("'dedup_key' is required to " + action);
        }
        JsonNode payload = event.get("payload");
        String summary = null;
        String source = null;
        String severity = null;
        JsonNode details = null;
        String timestamp = null;
        if ("trigger".equals(action)) {
            if (payload == null || !payload.isObject()) {
                errors.add("'payload' is required to trigger");
            } else {
                summary = text(payload, "summary");
                source = text(payload, "source");
                severity = text(payload, "severity");
                details = payload.get("custom_details");
                if (summary == null || summary.isBlank()) {
                    errors.add("'payload.summary' is missing or blank");
                } else if (summary.length() > Alert.SUMMARY_LIMIT) {
                    errors.add("'payload.summary' must be at most " + Alert.SUMMARY_LIMIT + " characters");
                }
                if (source == null || source.isBlank()) {
                    errors.add("'payload.source' is missing or blank");
                }
                if (severity == null || !SEVERITIES.contains(severity)) {
                    errors.add("'payload.severity' must be one of critical, error, warning, info");
                }
                timestamp = text(payload, "timestamp");
                if (timestamp != null && AlertTimes.parse(timestamp).isEmpty()) {
                    errors.add("'payload.timestamp' must be an ISO 8601 date-time");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new AlertRejected(errors);
        }
        Alert.Action kind = switch (action) {
            case "trigger" -> Alert.Action.TRIGGER;
            case "acknowledge" -> Alert.Action.ACKNOWLEDGE;
            default -> Alert.Action.RESOLVE;
        };
        String key = dedupKey == null || dedupKey.isBlank() ? UUID.randomUUID().toString().replace("-", "") : dedupKey;
        String component = payload == null ? null : text(payload, "component");
        String description = details == null || details.isNull() ? null : details.toString();
        return new Parsed(routingKey, new Alert(kind, key, summary, source, component,
                AlertSeverities.of(severity).orElse(null),
                details == null || !details.isObject() ? null
                        : AlertSeverities.errorRate(text(details, "error_rate")).orElse(null),
                details != null && details.isObject() && "true".equalsIgnoreCase(text(details, "outage")),
                description, details == null || !details.isObject() ? null : text(details, "incident_type"),
                AlertTimes.parse(timestamp).orElse(null)));
    }

    /** A field's text; NUL is refused, since PostgreSQL cannot store it in any text column downstream. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        if (text.indexOf('\u0000') >= 0) {
            throw new AlertRejected(List.of("'" + field + "' must not contain NUL characters"));
        }
        return text;
    }
}
