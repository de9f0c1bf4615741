package io.incidents.notificationservice.delivery;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.events.EventJson;
import io.incidents.events.Severity;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.notificationservice.outbox.NotificationEventsOutbox;
import io.incidents.notificationservice.routing.Channel;
import io.incidents.notificationservice.routing.ContactNames;
import io.incidents.notificationservice.routing.NotificationProperties;
import io.incidents.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh notification-service database of its own (the test PostgreSQL, migrated by Flyway) with
 * its delivery log and the outbox its marks publish to, for tests that drive the delivery log and
 * worker directly, without a Spring context whose own worker would claim the rows too. The webhook
 * "bridge" and the chat webhook {@link #ON_CALL_CHAT} are configured contacts; other addresses are not.
 */
final class DeliveryDatabase implements AutoCloseable {

    private final HikariDataSource dataSource = new HikariDataSource();
    static final String ON_CALL_CHAT = "https://hooks.example.com/services/T0/B0/on-call-secret";

    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;
    final MessageEvents events;
    final DeliveryLog log;

    DeliveryDatabase() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        dataSource.setJdbcUrl(infrastructure.newDatabase("notification_delivery"));
        dataSource.setUsername(infrastructure.user());
        dataSource.setPassword(infrastructure.password());
        dataSource.setMaximumPoolSize(6);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        NotificationProperties contacts = new NotificationProperties(
                Map.of(1, List.of(new NotificationProperties.Contact("on-call", null, ON_CALL_CHAT))), null, null,
                List.of(new NotificationProperties.Webhook("bridge", "https://bridge.example.com/hooks/secret-path", "s3cret")),
                Severity.SEV3, null, null);
        this.events = new MessageEvents(new NotificationEventsOutbox(jdbc, Clock.systemUTC(), event -> { }),
                new ContactNames(contacts));
        this.log = new DeliveryLog(jdbc, transactions, events);
    }

    /** What the delivery log published on notification-events, in order. */
    List<NotificationEvent> published() {
        return jdbc.query("SELECT event_type, payload FROM notification_outbox ORDER BY id", (row, i) -> EventJson.read(
                row.getString("payload"), NotificationEventTypes.forCloudEventType(row.getString("event_type")).orElseThrow()));
    }

    /** Records one message and returns its row id. */
    long enqueue(Channel channel, String recipient, Instant now) {
        String eventId = UUID.randomUUID().toString();
        log.enqueue(eventId, "incident-1", channel, recipient, "chat-initial", "subject", "{\"eventId\":\"" + eventId + "\"}", now);
        return jdbc.queryForObject("SELECT id FROM delivery WHERE event_id = ?", Long.class, eventId);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    Delivery row(long id) {
        return log.ofIncident("incident-1", 100_000).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
