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

    @Test
    void aDrillKeepsNoSlaFactsEvenOnesAnEarlierVersionWroteAndItsSummarySaysDrill() {
        String drill = Incidents.newId();
        String real = Incidents.newId();
        applyAll(List.of(stored(drill, 0, new io.incidents.events.IncidentDeclared(drill, "Game day", null, Severity.SEV2,
                        List.of("checkout"), io.incidents.events.IncidentSource.manual(), T0, null, null, null, true)),
                stored(real, 0, Incidents.declared(real, Severity.SEV2, T0, "checkout"))));

        assertThat(slaRows(drill)).isZero();
        assertThat(slaRows(real)).isOne();
        assertThat(jdbc.queryForObject("SELECT drill FROM incident_summary WHERE incident_id = ?", Boolean.class, drill)).isTrue();
        assertThat(jdbc.queryForObject("SELECT drill FROM incident_summary WHERE incident_id = ?", Boolean.class, real)).isFalse();

        // As an earlier version of this service left it: the drill counted as an incident.
        jdbc.update("INSERT INTO incident_sla (incident_id, title, services, declared_at, detected_at, severity_declared,"
                + " severity_highest, severity_current) SELECT incident_id, title, services, declared_at, declared_at, severity,"
                + " severity, severity FROM incident_summary WHERE incident_id = ?", drill);
        applyAll(List.of(stored(drill, 1, Incidents.acknowledged(drill, T0, 3))));

        assertThat(slaRows(drill)).as("gone at its next event").isZero();
    }

    @Test
    void theSummaryKeepsHowManyActionItemsAreOpenAndTheEarliestDueOfThem() {
        String id = Incidents.newId();
        applyAll(List.of(stored(id, 0, Incidents.declared(id, Severity.SEV3, T0, "search")),
                stored(id, 1, new io.incidents.events.PostMortemActionItemAdded(id, "ai-1", "First", "erin",
                        java.time.LocalDate.parse("2026-06-01"), T0.plusSeconds(60))),
                stored(id, 2, new io.incidents.events.PostMortemActionItemAdded(id, "ai-2", "Second", "erin",
                        java.time.LocalDate.parse("2026-07-01"), T0.plusSeconds(70))),
                stored(id, 3, new io.incidents.events.PostMortemActionItemAdded(id, "ai-3", "Third", "erin", null,
                        T0.plusSeconds(80)))));
        assertThat(openActionItems(id)).isEqualTo("3 2026-06-01");

        applyAll(List.of(stored(id, 4, new io.incidents.events.ActionItemUpdated(id, "ai-1", "erin",
                java.time.LocalDate.parse("2026-06-01"), io.incidents.events.ActionItemStatus.DONE, "erin", T0.plusSeconds(90)))));

        assertThat(openActionItems(id)).isEqualTo("2 2026-07-01");
        assertThat(liveLedger.withOpenActionItems(java.time.LocalDate.parse("2026-07-02"), 1000))
                .extracting(summary -> summary.view().incidentId()).contains(id);
        assertThat(liveLedger.withOpenActionItems(java.time.LocalDate.parse("2026-07-01"), 1000))
                .as("due on 1 July: not overdue before 2 July").extracting(summary -> summary.view().incidentId()).doesNotContain(id);
    }

    private int slaRows(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM incident_sla WHERE incident_id = ?", Integer.class, incidentId);
    }

    private String openActionItems(String incidentId) {
        return jdbc.queryForObject("SELECT open_action_items || ' ' || coalesce(open_action_items_due::text, '-')"
                + " FROM incident_summary WHERE incident_id = ?", String.class, incidentId);
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
