package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Prometheus Alertmanager webhook payloads (version 4) and Grafana-managed alerting's,
 * which share the core: {@code alerts[]} with status, labels, annotations and fingerprint.
 * Every alert is its own stream, keyed by its fingerprint. Unknown fields are ignored.
 * Labels and annotations never get a payload refused: Alertmanager would retry it forever and
 * the page would be lost, so odd values are made safe instead (see {@link Alert}).
 */
final class AlertmanagerPayloads {

    private AlertmanagerPayloads() {
    }

    /** @throws AlertsOverCap for more than {@code maxAlerts} alerts, before any is read */
    static List<Alert> parse(JsonNode payload, int maxAlerts) {
        if (payload == null || !payload.isObject()) {
            throw new AlertRejected(List.of("the payload must be a JSON object"));
        }
        JsonNode alerts = payload.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new AlertRejected(List.of("'alerts' must be an array"));
        }
        if (alerts.size() > maxAlerts) {
            throw new AlertsOverCap(alerts.size(), maxAlerts);
        }
        List<String> errors = new ArrayList<>();
        List<Alert> parsed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            JsonNode labels = object(alert.get("labels"));
            JsonNode annotations = object(alert.get("annotations"));
            String fingerprint = PagerDutyEvents.text(alert, "fingerprint");
            String status = PagerDutyEvents.text(alert, "status");
            if (fingerprint == null || fingerprint.isBlank() || fingerprint.length() > Alert.DEDUP_KEY_LIMIT) {
                errors.add("alerts[" + i + "].fingerprint is missing or longer than " + Alert.DEDUP_KEY_LIMIT + " characters");
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
                summary = first(payload, "title");
            }
            Object errorRate = first(labels, "error_rate");
            if (errorRate == null) {
                errorRate = first(annotations, "error_rate");
            }
            parsed.add(new Alert("firing".equals(status) ? Alert.Action.TRIGGER : Alert.Action.RESOLVE, fingerprint,
                    summary == null ? "Alert " + fingerprint : summary, first(alert, "generatorURL"),
                    first(labels, "service"), AlertSeverities.of(first(labels, "severity")).orElse(null),
                    AlertSeverities.errorRate(errorRate).orElse(null), "true".equalsIgnoreCase(first(labels, "outage")),
                    first(annotations, "description"), first(labels, "incident_type"),
                    AlertTimes.parse(first(alert, "startsAt")).orElse(null)));
        }
        if (!errors.isEmpty()) {
            throw new AlertRejected(errors);
        }
        return parsed;
    }

    private static JsonNode object(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    /** The first of the keys with a non-blank value; NUL replaced, since this never refuses. */
    private static String first(JsonNode map, String... keys) {
        if (map == null) {
            return null;
        }
        for (String key : keys) {
            JsonNode value = map.get(key);
            if (value != null && !value.isNull() && !value.asText().isBlank()) {
                return value.asText().replace('\u0000', '\uFFFD');
            }
        }
        return null;
    }
}
