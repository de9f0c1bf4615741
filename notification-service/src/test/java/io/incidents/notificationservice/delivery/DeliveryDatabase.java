package io.incidents.notificationservice.delivery;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.notificationservice.routing.Channel;
import io.incidents.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.UUID;

/**
 * A fresh notification-service database of its own (the test PostgreSQL, migrated by Flyway) with
 * its delivery log, for tests that drive the delivery log and worker directly, without a Spring
 * context whose own worker would claim the rows too.
 */
final class DeliveryDatabase implements AutoCloseable {

    private final HikariDataSource dataSource = new HikariDataSource();
    final JdbcTemplate jdbc;
    final DeliveryLog log;

    DeliveryDatabase() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        dataSource.setJdbcUrl(infrastructure.newDatabase("notification_delivery"));
        dataSource.setUsername(infrastructure.user());
        dataSource.setPassword(infrastructure.password());
        dataSource.setMaximumPoolSize(6);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        this.log = new DeliveryLog(jdbc);
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
