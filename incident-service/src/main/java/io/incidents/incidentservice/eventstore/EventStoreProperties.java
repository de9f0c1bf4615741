package io.incidents.incidentservice.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the event store's readers (the Kafka relay) treat gaps in {@code global_index}.
 *
 * @param gapTimeout   how long a gap is watched for a late-committing transaction before it is
 *                     taken to be a rolled-back one (Axon's default: 60 s)
 * @param maxGapOffset how far behind the newest event a gap is still watched, in positions
 */
@ConfigurationProperties("incidents.event-store")
public record EventStoreProperties(
        @DefaultValue("10m") Duration gapTimeout,
        @DefaultValue("100000") int maxGapOffset) {
}
