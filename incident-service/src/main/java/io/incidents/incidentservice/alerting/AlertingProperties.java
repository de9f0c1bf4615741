package io.incidents.incidentservice.alerting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Alert integrations: who may send alerts, and how much.
 *
 * @param integrations       the integrations; each key is stored only as its SHA-256 (hex)
 * @param rateLimitPerMinute events one key may send per minute (PagerDuty's is 120), then 429
 * @param kafkaTopic         the topic for services that prefer to send native alerts through Kafka
 * @param kafkaIntegration   the integration the Kafka topic's alerts count as
 */
@ConfigurationProperties("incidents.alerting")
public record AlertingProperties(
        List<Integration> integrations,
        @DefaultValue("120") int rateLimitPerMinute,
        @DefaultValue("alerts") String kafkaTopic,
        @DefaultValue("kafka") String kafkaIntegration) {

    /**
     * @param name           shown on incidents and in dedup keys' scope
     * @param keySha256      hex SHA-256 of the integration key (never the key itself)
     * @param defaultService the service of alerts that name none
     * @param autoResolve    resolve the incident when its alert resolves (default on)
     */
    public record Integration(String name, String keySha256, String defaultService, Boolean autoResolve) {

        public boolean resolvesAutomatically() {
            return autoResolve == null || autoResolve;
        }
    }

    public AlertingProperties {
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
    }
}
