package io.incidents.incidentservice.relay;

import io.incidents.events.EventJson;
import io.incidents.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V7 on a store the relay has been publishing: records start where the relay stands
 * (below the first gap it still waits for), so nothing it published before is taken for missing.
 */
class RelayReconciliationMigrationTest {

    @Test
    void recordsStartBelowTheFirstPositionTheRelayHasNotFinishedWith() {
        JdbcTemplate jdbc = migratedTo("6");
        storeRelayToken(jdbc, new GapAwareTrackingToken(10, List.of(7L, 9L)));

        migrate(jdbc, "7");

        assertThat(jdbc.queryForMap("SELECT unrecorded_through, checked_through, settling_through FROM relay_reconciliation"))
                .containsEntry("unrecorded_through", 6L)
                .containsEntry("checked_through", 6L)
                .containsEntry("settling_through", null);
    }

    @Test
    void aRelayWithoutGapsStandsAtItsToken() {
        JdbcTemplate jdbc = migratedTo("6");
        storeRelayToken(jdbc, new GapAwareTrackingToken(42, List.of()));

        migrate(jdbc, "7");

        assertThat(jdbc.queryForObject("SELECT unrecorded_through FROM relay_reconciliation", Long.class)).isEqualTo(42);
    }

    @Test
    void aNewStoreRecordsFromTheStart() {
        JdbcTemplate jdbc = migratedTo("7");

        assertThat(jdbc.queryForObject("SELECT unrecorded_through FROM relay_reconciliation", Long.class)).isZero();
    }

    private static JdbcTemplate migratedTo(String version) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(infrastructure.newDatabase("relay_migration"),
                infrastructure.user(), infrastructure.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        migrate(jdbc, version);
        return jdbc;
    }

    private static void migrate(JdbcTemplate jdbc, String version) {
        Flyway.configure().dataSource(jdbc.getDataSource()).target(version).load().migrate();
    }

    /** As the relay's processor stores it: Jackson, like every token of this service. */
    private static void storeRelayToken(JdbcTemplate jdbc, GapAwareTrackingToken token) {
        SerializedObject<byte[]> serialized = JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build()
                .serialize(token, byte[].class);
        jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, 0, ?, ?)",
                KafkaRelay.PROCESSING_GROUP, serialized.getData(), serialized.getType().getName());
    }
}
