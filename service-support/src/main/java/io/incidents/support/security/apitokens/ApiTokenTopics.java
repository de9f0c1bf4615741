package io.incidents.support.security.apitokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where API tokens issued at run time travel between services ({@code incidents.security.*},
 * next to the settings of {@link io.incidents.support.security.IdentityProperties}).
 *
 * @param apiTokensTopic          compacted topic with each issued token's current state, key = token id;
 *                                incident-service writes and creates it, every service reads it
 * @param apiTokenUsageTopic      where each service reports when a token was last used, key = token id;
 *                                incident-service creates and reads it
 * @param apiTokenUsageInterval   how often a service reports the uses it saw
 */
@ConfigurationProperties("incidents.security")
public record ApiTokenTopics(
        @DefaultValue("api-tokens") String apiTokensTopic,
        @DefaultValue("api-token-usage") String apiTokenUsageTopic,
        @DefaultValue("30s") Duration apiTokenUsageInterval) {
}
