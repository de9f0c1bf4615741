package io.incidents.incidentservice.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidents.incidentservice.CommandApi;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.incidents.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the real event store and broker: an event the relay passed over for good
 * (its transaction committed after the relay gave up on its gap) and an event missing from the
 * relay's record are published as the relay would have, once, by one instance at a time.
 */
@IntegrationTest
class RelayReconciliationIntegrationTest {

    private static final String TOPIC = "incident-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    RelayReconciler reconciler;
    @Autowired
    RelayTokens relayTokens;

    CommandApi api;

    @BeforeEach
    void setUp() {
        api = new CommandApi(rest);
    }

    @Test
    void theRelayRecordsWhatTheBrokerConfirmedPerIncident() {
        String id = api.declare("Queue backing up", "SEV3", "queue");
        acknowledge(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> record(id).equals(new PublishedRecord(0, 1, 2)));
    }

    @Test
    void anEventCommittedAfterTheRelayGaveUpOnItsGapIsPublishedAsTheRelayWouldHave() throws Exception {
        String template = api.declare("Search slow", "SEV3", "search");
        await().atMost(Duration.ofSeconds(30)).until(() -> hasRecord(template));
        String late = UUID.randomUUID().toString();
        String lateEventId = UUID.randomUUID().toString();
        double republishedBefore = republished();

        try (Connection slow = dataSource.getConnection()) {
            // A declaration whose transaction takes its position in global_index, then stalls.
            slow.setAutoCommit(false);
            long latePosition = storeCopyOfDeclaration(slow, template, late, lateEventId);
            String after = api.declare("Declared while the other transaction stalls", "SEV3", "search");
            long afterPosition = jdbc.queryForObject("SELECT global_index FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ?", Long.class, after);
            await().atMost(Duration.ofSeconds(30)).until(() -> relayAt().index() >= afterPosition);
            assertThat(relayAt().gaps()).as("the relay waits for the stalled transaction").contains(latePosition);

            relayGivesUpOnItsGaps();
            // Runs meanwhile (the relay is past it) must not compare beyond the stalled transaction's position.
            for (int run = 0; run < 3; run++) {
                reconciler.reconcile();
            }
            assertThat(jdbc.queryForObject("SELECT settling_through FROM relay_reconciliation", Long.class))
                    .isGreaterThanOrEqualTo(latePosition);
            assertThat(jdbc.queryForObject("SELECT checked_through FROM relay_reconciliation", Long.class))
                    .as("not settled while its transaction is open").isLessThan(latePosition);
            slow.commit();
        }
        String later = api.declare("Declared after the late commit", "SEV3", "search");
        await().atMost(Duration.ofSeconds(30)).until(() -> hasRecord(later));
        assertThat(hasRecord(late)).as("the relay passed over the late event for good").isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> reconciler.reconcile().ran() && hasRecord(late));

        assertThat(record(late)).isEqualTo(new PublishedRecord(0, 0, 1));
        assertThat(republished() - republishedBefore).isEqualTo(1);
        ConsumerRecord<String, String> published = single(late);
        ConsumerRecord<String, String> byTheRelay = single(template);
        assertThat(published.key()).isEqualTo(late);
        Map<String, String> expectedHeaders = new HashMap<>(headers(byTheRelay));
        expectedHeaders.put("ce_id", lateEventId);
        expectedHeaders.put("ce_subject", late);
        assertThat(headers(published)).isEqualTo(expectedHeaders);
        assertThat(published.headers().toArray()).hasSameSizeAs(byTheRelay.headers().toArray());
        ObjectNode expectedValue = (ObjectNode) JSON.readTree(byTheRelay.value());
        expectedValue.put("incidentId", late);
        assertThat(JSON.readTree(published.value())).isEqualTo(expectedValue);

        reconciler.reconcile();
        assertThat(republished() - republishedBefore).as("published once").isEqualTo(1);
    }

    @Test
    void anEventMissingFromTheRelaysRecordIsPublishedAgainOnlyByTheInstanceHoldingTheReconciliation() throws Exception {
        String id = api.declare("Payments timing out", "SEV2", "payments");
        acknowledge(id);
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", Map.of("summary", "failed over")).getStatusCode().value())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> record(id).equals(new PublishedRecord(0, 2, 3)));
        double republishedBefore = republished();

        try (Connection otherInstance = dataSource.getConnection()) {
            advisoryLock(otherInstance, "pg_advisory_lock");
            // As if the acknowledgement (1) had never gone out: 0 and 2 did.
            jdbc.update("UPDATE relay_progress SET published_count = 2 WHERE aggregate_identifier = ?", id);

            assertThat(reconciler.reconcile()).isEqualTo(RelayReconciler.Run.BUSY);
            assertThat(record(id)).as("left to the other instance").isEqualTo(new PublishedRecord(0, 2, 2));
            advisoryLock(otherInstance, "pg_advisory_unlock");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciler.reconcile().ran() && record(id).complete());

        assertThat(record(id)).isEqualTo(new PublishedRecord(0, 2, 3));
        assertThat(republished() - republishedBefore).isEqualTo(3);
        List<ConsumerRecord<String, String>> records = TopicReader.read(TOPIC, r -> id.equals(r.key()), 6, Duration.ofSeconds(30));
        Map<String, List<ConsumerRecord<String, String>>> byEventId = records.stream()
                .collect(Collectors.groupingBy(r -> header(r, "ce_id")));
        assertThat(byEventId).hasSize(3);
        byEventId.values().forEach(copies -> {
            assertThat(copies).as("the relay's and the reconciler's").hasSize(2);
            assertThat(headers(copies.get(1))).isEqualTo(headers(copies.get(0)));
            assertThat(copies.get(1).value()).isEqualTo(copies.get(0).value());
            assertThat(copies.get(1).partition()).isEqualTo(copies.get(0).partition());
        });
    }

    private void acknowledge(String id) {
        assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of()).getStatusCode().value()).isEqualTo(204);
    }

    /** Inserts, in the given open transaction, a copy of {@code template}'s declaration as incident {@code id}'s. */
    private static long storeCopyOfDeclaration(Connection connection, String template, String id, String eventId)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                SELECT ?, ?, 0, type, time_stamp, payload_type, payload_revision,
                    convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{incidentId}', to_jsonb(?::text))::text, 'UTF8'),
                    meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0
                RETURNING global_index""")) {
            insert.setString(1, eventId);
            insert.setString(2, id);
            insert.setString(3, id);
            insert.setString(4, template);
            try (ResultSet inserted = insert.executeQuery()) {
                assertThat(inserted.next()).isTrue();
                return inserted.getLong(1);
            }
        }
    }

    /**
     * What Axon's event store does once a gap is older than the gap timeout (or further behind
     * than max-gap-offset): the relay's token forgets it, and nothing at that position is read
     * again. Stopped and started as the relay would be around a changed token.
     */
    private void relayGivesUpOnItsGaps() {
        StreamingEventProcessor relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        relay.shutDown();
        transaction.executeWithoutResult(status -> {
            TrackingToken token = tokenStore.fetchToken(KafkaRelay.PROCESSING_GROUP, 0);
            tokenStore.storeToken(GapAwareTrackingToken.newInstance(((GapAwareTrackingToken) token).getIndex(), Set.of()),
                    KafkaRelay.PROCESSING_GROUP, 0);
            tokenStore.releaseClaim(KafkaRelay.PROCESSING_GROUP, 0);
        });
        relay.start();
    }

    private RelayPosition relayAt() {
        return relayTokens.committed().orElseThrow();
    }

    private static void advisoryLock(Connection connection, String function) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, RelayReconciler.LOCK);
            statement.executeQuery().close();
        }
    }

    private boolean hasRecord(String aggregate) {
        return jdbc.queryForObject("SELECT count(*) FROM relay_progress WHERE aggregate_identifier = ?", Integer.class,
                aggregate) == 1;
    }

    private PublishedRecord record(String aggregate) {
        List<PublishedRecord> records = jdbc.query("SELECT first_sequence, max_sequence, published_count FROM relay_progress"
                        + " WHERE aggregate_identifier = ?",
                (row, i) -> new PublishedRecord(row.getLong(1), row.getLong(2), row.getLong(3)), aggregate);
        return records.isEmpty() ? PublishedRecord.NOTHING : records.get(0);
    }

    private double republished() {
        return meterRegistry.get("incident.relay.republished").counter().count();
    }

    private static ConsumerRecord<String, String> single(String key) {
        List<ConsumerRecord<String, String>> records = TopicReader.read(TOPIC, r -> key.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertThat(records).as("records of %s", key).hasSize(1);
        return records.get(0);
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        return Arrays.stream(record.headers().toArray())
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
    }
}
