package io.incidents.timelineservice.ledger;

import io.incidents.events.IncidentEvent;
import io.incidents.events.Severity;
import io.incidents.support.events.StoredEvent;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.incident.IncidentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A consumer's poll applied at once: the same outcome as applying its events one by one. */
@IntegrationTest
class EventLedgerBatchIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @Autowired
    EventLedger liveLedger;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    /** Incidents this test wrote: removed afterwards, as their gaps would make the shared context's health DEGRADED. */
    private final List<String> written = new ArrayList<>();

    @AfterEach
    void removeWhatWasWritten() {
        for (String table : LedgerTables.LIVE.all()) {
            jdbc.update("DELETE FROM " + table + " WHERE incident_id = ANY(?::text[])",
                    (Object) written.toArray(String[]::new));
        }
    }

    @Test
    void aBatchKeepsEachNewEventOnceAndReDerivesEveryIncidentItTouches() {
        String first = Incidents.newId();
        String second = Incidents.newId();
        StoredEvent acknowledged = stored(first, 1, Incidents.acknowledged(first, T0, 3));
        List<StoredEvent> batch = List.of(
                stored(first, 0, Incidents.declared(first, Severity.SEV2, T0, "checkout")),
                acknowledged,
                acknowledged,
                stored(second, 2, Incidents.resolved(second, T0, 40)));

        EventLedger.Applied outcome = applyAll(batch);

        assertThat(outcome.applied()).isEqualTo(3);
        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.changedIncidents()).containsExactlyInAnyOrder(first, second);
        assertThat(liveLedger.eventsOf(first)).extracting(StoredEvent::sequence).containsExactly(0L, 1L);
        assertThat(liveLedger.summary(first).orElseThrow().view().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(liveLedger.summary(second)).as("no declaration yet, no summary").isEmpty();
        assertThat(missing(second)).containsExactly(0L, 1L);
        assertThat(missing(first)).isEmpty();

        EventLedger.Applied again = applyAll(batch);

        assertThat(again.applied()).isZero();
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.changedIncidents()).isEmpty();
    }

    @Test
    void theMissingEventsArrivingTogetherCloseTheGapAndCompleteTheSummary() {
        String id = Incidents.newId();
        applyAll(List.of(stored(id, 2, Incidents.resolved(id, T0, 40))));
        assertThat(missing(id)).containsExactly(0L, 1L);

        applyAll(List.of(stored(id, 1, Incidents.acknowledged(id, T0, 3)),
                stored(id, 0, Incidents.declared(id, Severity.SEV3, T0, "search"))));

        assertThat(missing(id)).isEmpty();
        assertThat(liveLedger.summary(id).orElseThrow().view().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(jdbc.queryForObject("SELECT last_sequence FROM incident_summary WHERE incident_id = ?", Long.class, id))
                .isEqualTo(2L);
    }

    @Test
    void aDifferentEventClaimingATakenNumberFailsTheWholeBatchAndLeavesNothing() {
        String id = Incidents.newId();
        String other = Incidents.newId();
        applyAll(List.of(stored(id, 0, Incidents.declared(id, Severity.SEV3, T0, "search"))));

        List<StoredEvent> batch = List.of(
                stored(other, 0, Incidents.declared(other, Severity.SEV4, T0, "search")),
                stored(id, 0, Incidents.declared(id, Severity.SEV1, T0, "search")));

        assertThatThrownBy(() -> applyAll(batch)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sequence 0");
        assertThat(liveLedger.eventsOf(other)).as("rolled back with the batch").isEmpty();
        assertThat(liveLedger.summary(id).orElseThrow().view().severity()).isEqualTo(Severity.SEV3);
    }

    @Test
    void aJumpIsRecordedAsAtMostAThousandMissingNumbers() {
        String id = Incidents.newId();

        applyAll(List.of(stored(id, 0, Incidents.declared(id, Severity.SEV3, T0, "search")),
                stored(id, 5_000, Incidents.acknowledged(id, T0, 3))));

        List<Long> missing = missing(id);
        assertThat(missing).hasSize(1000);
        assertThat(missing.get(0)).isEqualTo(1L);
        assertThat(missing.get(999)).isEqualTo(1000L);
    }

    private EventLedger.Applied applyAll(List<StoredEvent> events) {
        events.forEach(event -> written.add(event.incidentId()));
        return transaction.execute(status -> liveLedger.applyAll(events, Instant.now()));
    }

    private List<Long> missing(String incidentId) {
        return jdbc.queryForList("SELECT missing_sequence FROM sequence_gap WHERE incident_id = ? ORDER BY missing_sequence",
                Long.class, incidentId);
    }

    private static StoredEvent stored(String incidentId, long sequence, IncidentEvent event) {
        return new StoredEvent(UUID.randomUUID().toString(), incidentId, sequence, event.getClass().getSimpleName(),
                event.occurredAt(), "alice", "request-1", event);
    }
}
