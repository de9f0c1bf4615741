package io.incidents.notificationservice.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How messages are sent.
 *
 * @param maxAttempts    attempts before a message is parked as a dead letter
 * @param initialBackoff the wait after the first failure, doubling after each further one
 * @param maxBackoff     the longest wait between attempts
 * @param threads        messages sent at once: a slow endpoint holds one thread, never the others
 * @param timeout        connect and read timeout of one HTTP attempt
 * @param pollInterval   how often due messages are looked for
 * @param lease          how long a claimed message is someone's before another worker may take it
 * @param emailFrom      the sender address of emails
 */
@ConfigurationProperties("notifications.delivery")
public record DeliveryProperties(
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("8") int threads,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("incidents@localhost") String emailFrom) {

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
    public Duration backoffAfter(int attempts) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
