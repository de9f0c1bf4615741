package io.incidents.incidentservice.eventstore;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two writers appending the same sequence number of one incident (two service instances, say):
 * PostgreSQL's unique key must surface as Axon's ConcurrencyException, which the API answers 409.
 */
@IntegrationTest
class EventStoreConcurrencyIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSecondWriterOfTheSameSequenceNumberGetsAConcurrencyConflict() {
        CommandApi api = new CommandApi(rest);
        String id = api.declare("Race", "SEV3", "search");
        api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of());
        GenericDomainEventMessage<IncidentAcknowledged> rival = new GenericDomainEventMessage<>("Incident", id, 1,
                new IncidentAcknowledged(id, "mallory", Instant.parse("2026-11-26T10:00:00Z")));

        assertThatThrownBy(() -> eventStore.publish(rival)).isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, id)).isEqualTo(2);
    }
}
