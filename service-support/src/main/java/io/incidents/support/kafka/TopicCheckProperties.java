package io.incidents.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How {@link RequiredTopicsGuard} waits for a broker that was away at start-up
 * ({@code incidents.kafka.topics.*}).
 *
 * @param retryEvery the pause between two attempts to settle the topics not settled yet; each
 *                   attempt waits up to 10 s for the broker, so a broker back from an outage has
 *                   the topics within this pause plus a few seconds
 */
@ConfigurationProperties("incidents.kafka.topics")
public record TopicCheckProperties(@DefaultValue("5s") Duration retryEvery) {

    public TopicCheckProperties {
        if (retryEvery == null || retryEvery.isNegative() || retryEvery.isZero()) {
            throw new IllegalArgumentException("incidents.kafka.topics.retry-every must be positive");
        }
    }
}
