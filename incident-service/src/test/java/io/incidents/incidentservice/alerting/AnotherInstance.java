package io.incidents.incidentservice.alerting;

import io.incidents.incidentservice.incident.IncidentCommands.ReceiveAlertCommand;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays a second instance of the service: once, just before our command's events are stored,
 * it stores the same alert for the same incident in a transaction of its own, taking the
 * sequence number ours was about to use. Axon then meets the event store's unique key. Off until
 * a test arms {@link #writesTo}, and disarmed once it has written; imported through
 * {@link io.incidents.incidentservice.InjectedFaults}.
 */
@TestConfiguration
public class AnotherInstance {

    static final AtomicReference<String> writesTo = new AtomicReference<>();

    @Bean
    SmartInitializingSingleton anotherInstanceWrites(CommandBus commandBus, DataSource dataSource) {
        MessageHandlerInterceptor<CommandMessage<?>> race = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ReceiveAlertCommand alert
                    && alert.incidentId().equals(writesTo.getAndUpdate(armed -> alert.incidentId().equals(armed) ? null : armed))) {
                unitOfWork.onPrepareCommit(u -> storeTheSameAlertFirst(dataSource, alert.incidentId()));
            }
            return chain.proceed();
        };
        return () -> commandBus.registerHandlerInterceptor(race);
    }

    private static void storeTheSameAlertFirst(DataSource dataSource, String incident) {
        try (Connection own = dataSource.getConnection();
             PreparedStatement insert = own.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                     + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                     + " meta_data) SELECT ?, aggregate_identifier, sequence_number + 1, type, time_stamp, payload_type,"
                     + " payload_revision, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?"
                     + " ORDER BY sequence_number DESC LIMIT 1")) {
            own.setAutoCommit(true);
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, incident);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
