package io.incidents.incidentservice.alerting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Alert integrations: who may send alerts, and how much.
 *
 * @param integrations         the integrations configured here; each key is stored only as its SHA-256 (hex).
 *                             More can be added at run time through the admin API
 * @param rateLimitPerMinute   alerts one key may send per minute (PagerDuty's is 120), then 429
 * @param kafkaTopic           the topic for services that prefer to send native alerts through Kafka
 * @param kafkaIntegration     the integration the Kafka topic's alerts count as
 * @param maxAlertsPerPayload  alerts one Alertmanager or Grafana payload may hold, else 413 and nothing is taken
 * @param failedKeyLimit       unknown keys one client address may present per {@code failedKeyWindow}, then 429
 * @param failedKeyWindow      the window of {@code failedKeyLimit}
 */
@ConfigurationProperties("incidents.alerting")
@Validated
public record AlertingProperties(
        @Valid List<Integration> integrations,
        @DefaultValue("120") @Min(1) int rateLimitPerMinute,
        @DefaultValue("alerts") String kafkaTopic,
        @DefaultValue("kafka") String kafkaIntegration,
        @DefaultValue("200") @Min(1) int maxAlertsPerPayload,
        @DefaultValue("20") @Min(1) int failedKeyLimit,
        @DefaultValue("1m") Duration failedKeyWindow) {

    /**
     * @param name           shown on incidents and in dedup keys' scope
     * @param keySha256      hex SHA-256 of the integration key (never the key itself)
     * @param defaultService the service of alerts that name none (or whose name leaves nothing once normalised)
     * @param autoResolve    resolve the incident when its alert resolves (default on)
     * @param rateLimitPerMinute alerts this integration may send per minute; null: the service's {@code rate-limit-per-minute}
     */
    public record Integration(String name, String keySha256, String defaultService, Boolean autoResolve,
                              @Min(1) Integer rateLimitPerMinute) {

        public boolean resolvesAutomatically() {
            return autoResolve == null || autoResolve;
        }
    }

    public AlertingProperties {
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
    }

    /** The integration's own limit, or the service's. */
    int rateLimitPerMinute(Integration integration) {
        return rateLimitPerMinute(integration.rateLimitPerMinute());
    }

    /** An integration's own limit if it has one, else the service's. */
    int rateLimitPerMinute(Integer own) {
        return own == null ? rateLimitPerMinute : own;
    }

    /**
     * How many alerts a key may send at once: at least a full payload, so a payload of the
     * largest allowed size can pass, though it then costs its full count.
     */
    int burst(Integration integration) {
        return Math.max(rateLimitPerMinute(integration), maxAlertsPerPayload);
    }
}
