package io.incidents.notificationservice.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How messages are sent.
 *
 * @param initialBackoff       the wait after the first failure, doubling after each further one
 * @param maxBackoff           the longest wait between attempts
 * @param giveUpAfter          how long a message keeps being retried after its first failure before
 *                             it is parked as a dead letter
 * @param threads              messages sent at once: a slow endpoint holds one thread, never the others
 * @param connectTimeout       how long an HTTP attempt may take to connect (nothing was sent when it runs out)
 * @param readTimeout          how long an HTTP attempt waits for the answer once the request is out; when
 *                             it runs out the outcome is unknown (the receiver may have the message), so
 *                             the retry waits at least this long again
 * @param pollInterval         how often due messages are looked for
 * @param lease                how long a claimed message is its worker's before another worker may take
 *                             it; longer than an attempt can take, so only a dead worker loses a claim
 * @param pendingAlarmAfter    a message still unsent this long after it was recorded makes health
 *                             DEGRADED and counts as overdue in the metrics
 * @param backlogCheckInterval how often the pending / parked counts behind health and metrics are read
 * @param deadProbeInterval    how often one parked message per destination is tried again, to find
 *                             out whether the destination works again
 * @param shutdownGrace        how long a stopping worker lets its sends in flight finish before it
 *                             interrupts them
 * @param emailFrom            the sender address of emails (its domain also names their Message-IDs)
 */
@ConfigurationProperties("notifications.delivery")
public record DeliveryProperties(
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("8") int threads,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5m") Duration pendingAlarmAfter,
        @DefaultValue("15s") Duration backlogCheckInterval,
        @DefaultValue("10m") Duration deadProbeInterval,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("incidents@localhost") String emailFrom) {

    public DeliveryProperties {
        require(isPositive(initialBackoff), "initial-backoff must be positive");
        require(isPositive(maxBackoff) && maxBackoff.compareTo(initialBackoff) >= 0,
                "max-backoff must be at least initial-backoff");
        require(isPositive(giveUpAfter), "give-up-after must be positive");
        require(threads > 0, "threads must be at least 1");
        require(isPositive(connectTimeout) && isPositive(readTimeout), "connect-timeout and read-timeout must be positive");
        require(isPositive(pollInterval), "poll-interval must be positive");
        // A lease that can run out while its worker still waits for the answer lets a second worker
        // send the same message while the first one is still sending it.
        require(isPositive(lease) && lease.compareTo(connectTimeout.plus(readTimeout)) > 0,
                "lease must be longer than connect-timeout plus read-timeout");
        require(isPositive(pendingAlarmAfter) && isPositive(backlogCheckInterval) && isPositive(deadProbeInterval),
                "pending-alarm-after, backlog-check-interval and dead-probe-interval must be positive");
        require(shutdownGrace != null && !shutdownGrace.isNegative(), "shutdown-grace must not be negative");
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("notifications.delivery: " + message);
        }
    }
}
