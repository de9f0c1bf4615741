package io.incidents.incidentservice.alerting;

import io.incidents.events.Severity;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** Severity words of the alert formats, mapped to ours; unknown words map to nothing. */
final class AlertSeverities {

    private AlertSeverities() {
    }

    /** PagerDuty: critical, error, warning, info. Alertmanager/Grafana labels also say high, page, major, minor. */
    static Optional<Severity> of(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "page", "sev1", "p1" -> Optional.of(Severity.SEV1);
            case "error", "high", "major", "sev2", "p2" -> Optional.of(Severity.SEV2);
            case "warning", "warn", "medium", "minor", "sev3", "p3" -> Optional.of(Severity.SEV3);
            case "info", "low", "none", "sev4", "p4" -> Optional.of(Severity.SEV4);
            default -> Optional.empty();
        };
    }

    /** An error rate as a number of percent ("14", "14.2", "14.2%"); empty if it is not one. */
    static Optional<BigDecimal> errorRate(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim().replace("%", "");
        try {
            BigDecimal rate = new BigDecimal(text);
            return rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0 ? Optional.empty() : Optional.of(rate);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
