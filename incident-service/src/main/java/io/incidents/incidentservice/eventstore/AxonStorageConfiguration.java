package io.incidents.incidentservice.eventstore;

import io.incidents.events.EventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.sql.SQLException;

/**
 * Axon on PostgreSQL through its JDBC storage engine: our snake_case tables (created by Flyway),
 * the event JSON of shared-events for events, tokens and messages alike (no XStream anywhere:
 * a token written by one serializer cannot be read by another), and unique-key violations read
 * as concurrency conflicts.
 */
@Configuration(proxyBeanMethods = false)
class AxonStorageConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jackson();
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    }

    /**
     * Axon's JDBC engine, as its auto-configuration builds it, but patient with gaps. A gap in
     * {@code global_index} is an event whose transaction has not committed yet (or never will);
     * the relay reads past it and looks again, until the gap is older than {@code gapTimeout}.
     * Axon's default gives up after 60 s, so an event whose transaction committed later (a lock
     * wait, a database stall, a long GC pause) would never be published (review M3).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema, EventStoreProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapTimeout(Math.toIntExact(properties.gapTimeout().toMillis()))
                .maxGapOffset(properties.maxGapOffset())
                .build();
    }

    /**
     * PostgreSQL reports a duplicate (aggregate id, sequence number) as SQLState 23505; Axon's
     * default resolver only knows SQLIntegrityConstraintViolationException, which this driver
     * never throws, so without this a concurrent write would surface as a 500.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Who did it, which request it belongs to and whether it is an import of the past travel from
     * the command to every event it causes.
     */
    @Bean
    CorrelationDataProvider actorAndCorrelation() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.CORRELATION_ID, EventMetadata.IMPORTED);
    }
}
