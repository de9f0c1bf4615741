package io.incidents.incidentservice.apitoken;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * API tokens issued by an ADMIN. The topics' names are service-support's
 * ({@code incidents.security.api-tokens-topic}, {@code api-token-usage-topic}), shared by every service.
 *
 * @param maxLifetime    the furthest ahead an expiry may be set (a token may also have none)
 * @param publishTimeout how long a change may wait for Kafka before the request fails with 503 and the
 *                       change is rolled back
 * @param usageGroupId   the consumer group that reads the usage topic into "last used"
 * @param usageRetention how long usage records stay on their topic; only the latest matters
 */
@ConfigurationProperties("incidents.api-tokens")
public record ApiTokenProperties(
        @DefaultValue("365d") Duration maxLifetime,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("incident-service-token-usage") String usageGroupId,
        @DefaultValue("1d") Duration usageRetention) {
}
