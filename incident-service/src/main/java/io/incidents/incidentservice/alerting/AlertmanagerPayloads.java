package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Prometheus Alertmanager webhook payloads (version 4) and Grafana-managed alerting's,
 * which share the core: {@code alerts[]} with status, labels, annotations and fingerprint.
 * Every alert is its own stream, keyed by its fingerprint. Unknown fields are ignored.
 */
final class AlertmanagerPayloads {

    private AlertmanagerPayloads() {
    }

    static List<Alert> parse(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new AlertRejected(List.of("the payload must be a JSON object"));
        }
        JsonNode alerts = payload.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new AlertRejected(List.of("'alerts' must be an array"));
        }
        List<String> errors = new ArrayList<>();
        List<Alert> parsed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            JsonNode labels = object(alert.get("labels"));
            JsonNode annotations = object(alert.get("annotations"));
            String fingerprint = PagerDutyEvents.text(alert, "fingerprint");
            String status = PagerDutyEvents.text(alert, "status");
            if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > 255) {
                errors.add("alerts[" + i + "].fingerprint is missing or longer than 255 characters");
                continue;
            }
            if (!"firing".equals(status) && !"resolved".equals(status)) {
                errors.add("alerts[" + i + "].status must be firing or resolved");
                continue;
            }
            String summary = first(annotations, "summary", "title");
            if (summary == null) {
                summary = first(labels, "alertname");
            }
            if (summary == null) {
                summary = PagerDutyEvents.text(payload, "title");
            }
            Object errorRate = first(labels, "error_rate");
            if (errorRate == null) {
                errorRate = first(annotations, "error_rate");
            }
            parsed.add(new Alert("firing".equals(status) ? Alert.Action.TRIGGER : Alert.Action.RESOLVE, fingerprint,
                    summary == null ? "Alert " + fingerprint : summary, PagerDutyEvents.text(alert, "generatorURL"),
                    first(labels, "service"), AlertSeverities.of(first(labels, "severity")).orElse(null),
                    AlertSeverities.errorRate(errorRate).orElse(null), first(annotations, "description")));
        }
        if (!errors.isEmpty()) {
            throw new AlertRejected(errors);
        }
        return parsed;
    }

    private static JsonNode object(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    private static String first(JsonNode map, String... keys) {
        if (map == null) {
            return null;
        }
        for (String key : keys) {
            String value = PagerDutyEvents.text(map, key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
