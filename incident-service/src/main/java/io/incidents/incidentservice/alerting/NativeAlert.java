package io.incidents.incidentservice.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Our own alert format, over HTTP ({@code POST /api/v1/alerts}) or the {@code alerts} Kafka topic.
 * The service is normalised, not refused, as in every format (see {@link Alert}): on the topic a
 * refused alert would be parked and its page lost.
 */
record NativeAlert(
        @NotBlank @Size(max = Alert.DEDUP_KEY_LIMIT) String dedupKey,
        @Size(max = Alert.SUMMARY_LIMIT) String summary,
        @Size(max = Alert.SOURCE_LIMIT) String source,
        String service,
        @Size(max = 20) String severity,
        @DecimalMin("0") @DecimalMax("100") BigDecimal errorRate,
        @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
        JsonNode details,
        Instant detectedAt,
        Boolean outage,
        @Size(max = 64) String type) {

    /** Checks what the annotations cannot (which fields a firing alert needs); callers have validated those. */
    Alert toAlert() {
        List<String> errors = new ArrayList<>();
        boolean resolved = "resolved".equals(status);
        if (!resolved && (summary == null || summary.isBlank())) {
            errors.add("summary is required to fire an alert");
        }
        if (!resolved && severity == null && errorRate == null && !Boolean.TRUE.equals(outage)) {
            errors.add("severity, errorRate or outage is required to fire an alert");
        }
        if (severity != null && AlertSeverities.of(severity).isEmpty()) {
            errors.add("severity must be SEV1..SEV4 or critical, error, warning, info");
        }
        if (!errors.isEmpty()) {
            throw new AlertRejected(errors);
        }
        return new Alert(resolved ? Alert.Action.RESOLVE : Alert.Action.TRIGGER, dedupKey, summary, source, service,
                AlertSeverities.of(severity).orElse(null), errorRate, Boolean.TRUE.equals(outage),
                details == null || details.isNull() ? null : details.toString(), type, detectedAt);
    }
}
