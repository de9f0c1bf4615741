package io.incidents.incidentservice.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The relay of every stored event to Kafka.
 *
 * @param topic       the topic every event goes to, keyed by incident id
 * @param partitions  partitions when the relay creates the topic
 * @param replicas    replication factor when the relay creates the topic
 * @param minInsyncReplicas the topic's {@code min.insync.replicas} when the relay creates it
 * @param sendTimeout how long a batch's sends may take to be confirmed before they count as failed (and
 *                    are retried): longer than the producer's {@code delivery.timeout.ms}, so a send
 *                    reported failed has really failed (checked at start-up)
 * @param reconcileInterval how often the event store is compared with what the relay published, and what it
 *                    missed published ({@link RelayReconciler}); an event is compared a run or two after its
 *                    transaction ended and the relay passed it
 */
@ConfigurationProperties("incidents.relay")
public record RelayProperties(
        @DefaultValue("incident-events") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("40s") Duration sendTimeout,
        @DefaultValue("5m") Duration reconcileInterval) {

    public RelayProperties {
        if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
            throw new IllegalArgumentException("incidents.relay.reconcile-interval must be positive, not " + reconcileInterval);
        }
    }
}
