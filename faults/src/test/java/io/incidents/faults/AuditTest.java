package io.incidents.faults;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTest {

    private static final String DECLARED = "io.incidents.events.IncidentDeclared";
    private static final String STATUS = "io.incidents.events.IncidentStatusUpdated";
    private static final String ESCALATED = "io.incidents.events.IncidentEscalated";
    private static final TimerProbes NO_PROBES = new TimerProbes(null, List.of());

    private final Audit audit = new Audit();

    @Test
    void everyAcceptedCommandStoredOnceAndSeenByEveryReadSideIsClean() {
        StoredEvents store = new StoredEvents();
        store.add("i1", 0, "e1", DECLARED, declared("i1", "run-declare-1"));
        store.add("i1", 1, "e2", STATUS, status("i1", "run-status-2"));
        List<Operation> operations = List.of(
                new Operation("s", Kind.DECLARE, "i1", "run-declare-1", Outcome.ACCEPTED, "201"),
                new Operation("s", Kind.STATUS, "i1", "run-status-2", Outcome.ACCEPTED, "204"),
                new Operation("s", Kind.RESOLVE, "i1", "run-resolve-3", Outcome.REFUSED, "409"));

        Audit.Result result = audit.of(operations, snapshot(store, store.identities(), Map.of()), NO_PROBES, Scenario.Findings.NONE);

        assertThat(result.operations()).isEqualTo(3);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.notes()).containsExactly("1 not accepted: RESOLVE REFUSED 409");
    }

    @Test
    void aLostCommandATwiceStoredOneAndARefusedButStoredOneAreCounted() {
        StoredEvents store = new StoredEvents();
        store.add("i1", 0, "e1", DECLARED, declared("i1", "run-declare-1"));
        store.add("i1", 1, "e2", STATUS, status("i1", "run-status-2"));
        store.add("i1", 2, "e3", STATUS, status("i1", "run-status-2"));
        store.add("i1", 3, "e4", STATUS, status("i1", "run-status-4"));
        List<Operation> operations = List.of(
                new Operation("s", Kind.DECLARE, "i1", "run-declare-1", Outcome.ACCEPTED, "201"),
                new Operation("s", Kind.STATUS, "i1", "run-status-2", Outcome.ACCEPTED, "204"),
                new Operation("s", Kind.STATUS, "i1", "run-status-3", Outcome.ACCEPTED, "204"),
                new Operation("s", Kind.STATUS, "i1", "run-status-4", Outcome.REFUSED, "409"));

        Audit.Result result = audit.of(operations, snapshot(store, store.identities(), Map.of()), NO_PROBES, Scenario.Findings.NONE);

        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.duplicated()).isEqualTo(2); // status 2 twice, and status 4 though refused
        assertThat(result.notes()).anyMatch(note -> note.startsWith("accepted but not stored"))
                .anyMatch(note -> note.startsWith("refused but stored"));
    }

    @Test
    void aRefusalAfterAnUnknownAttemptMayBeStoredOnceButNotTwice() {
        StoredEvents store = new StoredEvents();
        store.add("i1", 0, "e1", "io.incidents.events.IncidentResolved", "{\"incidentId\":\"i1\",\"summary\":\"run-resolve-1\"}");
        Operation resolve = new Operation("s", Kind.RESOLVE, "i1", "run-resolve-1", Outcome.EITHER, "409");

        assertThat(audit.of(List.of(resolve), snapshot(store, store.identities(), Map.of()), NO_PROBES, Scenario.Findings.NONE)
                .duplicated()).isZero();
        store.add("i1", 1, "e2", "io.incidents.events.IncidentResolved", "{\"incidentId\":\"i1\",\"summary\":\"run-resolve-1\"}");
        assertThat(new Audit().of(List.of(resolve), snapshot(store, store.identities(), Map.of()), NO_PROBES, Scenario.Findings.NONE)
                .duplicated()).isEqualTo(1);
    }

    @Test
    void aReadSideMissingAnEventIsALossReportedOnceAcrossScenarios() {
        StoredEvents store = new StoredEvents();
        store.add("i1", 0, "e1", DECLARED, declared("i1", "t"));
        store.add("i1", 1, "e2", STATUS, status("i1", "m"));
        Set<String> timeline = Set.of(ReadModels.identity("i1", 0, "e1"), ReadModels.identity("i9", 0, "x"));

        Snapshot snapshot = new Snapshot(store, timeline, store.identities(), new Deliveries(List.of()), Map.of(), Map.of(), Map.of());
        Audit.Result first = audit.of(List.of(), snapshot, NO_PROBES, Scenario.Findings.NONE);
        Audit.Result second = audit.of(List.of(), snapshot, NO_PROBES, Scenario.Findings.NONE);

        assertThat(first.lost()).isEqualTo(1);
        assertThat(first.duplicated()).isEqualTo(1); // an event the store never had
        assertThat(second.lost()).isZero();
        assertThat(second.duplicated()).isZero();
    }

    @Test
    void messagesMustBeSentAndReceivedExactlyOnce() {
        StoredEvents store = new StoredEvents();
        Deliveries deliveries = new Deliveries(List.of(
                new Deliveries.Delivery(1, "EMAIL", "oncall@example.local", "e1", "SENT"),
                new Deliveries.Delivery(2, "WEBHOOK", "bridge", "e1", "SENT"),
                new Deliveries.Delivery(3, "CHAT", "http://127.0.0.1:8089/hooks/chat/on-call", "e1", "SENT"),
                new Deliveries.Delivery(4, "CHAT", "http://127.0.0.1:8089/hooks/chat/devops", "e1", "PENDING"),
                new Deliveries.Delivery(5, "STATUS_PAGE", "status", "e1", "SENT")));
        Map<String, Integer> received = Map.of(Sinks.mailKey(1), 1, Sinks.webhookKey(2), 2);

        Audit.Result result = audit.of(List.of(), new Snapshot(store, Set.of(), Set.of(), deliveries, received, Map.of(), Map.of()),
                NO_PROBES, Scenario.Findings.NONE);

        assertThat(result.lost()).isEqualTo(2); // the chat message nobody got, and the one still pending
        assertThat(result.duplicated()).isEqualTo(1); // the webhook that arrived twice
    }

    @Test
    void afterAKillOnlyOneMessagePerDestinationThatArrivedJustBeforeItMayArriveTwice() {
        Instant killedAt = Instant.parse("2026-11-27T10:00:00Z");
        Deliveries deliveries = new Deliveries(List.of(
                new Deliveries.Delivery(1, "WEBHOOK", "bridge", "e1", "SENT"),
                new Deliveries.Delivery(2, "WEBHOOK", "bridge", "e2", "SENT"),
                new Deliveries.Delivery(3, "EMAIL", "oncall@example.local", "e1", "SENT"),
                new Deliveries.Delivery(4, "EMAIL", "support@example.local", "e1", "SENT"),
                new Deliveries.Delivery(5, "EMAIL", "lead@example.local", "e1", "SENT")));
        Map<String, Integer> received = Map.of(Sinks.webhookKey(1), 2, Sinks.webhookKey(2), 2,
                Sinks.mailKey(3), 2, Sinks.mailKey(4), 2, Sinks.mailKey(5), 3);
        Map<String, Instant> firstReceived = Map.of(
                Sinks.webhookKey(1), killedAt.minusMillis(3), // in flight at the kill: allowed
                Sinks.webhookKey(2), killedAt.minusMillis(2), // a second one in flight to the same destination: not allowed
                Sinks.mailKey(3), killedAt.plusSeconds(20), // first sent after the kill: a plain duplicate
                Sinks.mailKey(4), killedAt.minus(Audit.IN_FLIGHT).minusSeconds(1), // long before the kill
                Sinks.mailKey(5), killedAt.minusMillis(1)); // three times is more than a resend
        Snapshot snapshot = new Snapshot(new StoredEvents(), Set.of(), Set.of(), deliveries, received, firstReceived, Map.of());

        Audit.Result afterTheKill = audit.of(List.of(), snapshot, NO_PROBES, Scenario.Findings.NONE, killedAt);

        assertThat(afterTheKill.duplicated()).isEqualTo(4);
        assertThat(afterTheKill.notes()).contains("1 messages sent again after the kill, having reached their receiver just before it"
                + " (at-least-once, at most one per destination; receivers deduplicate by id)");
        assertThat(new Audit().of(List.of(), snapshot, NO_PROBES, Scenario.Findings.NONE).duplicated())
                .as("without a kill every second receipt counts").isEqualTo(5);
        assertThat(audit.of(List.of(), snapshot, NO_PROBES, Scenario.Findings.NONE).duplicated())
                .as("the allowed resend is not counted in a later scenario either").isZero();
    }

    @Test
    void aTimerProbeMustEscalateOnceToLevel3() {
        StoredEvents store = new StoredEvents();
        store.add("p1", 1, "e1", ESCALATED, escalated("p1", 3));
        store.add("p2", 1, "e2", ESCALATED, escalated("p2", 3));
        store.add("p2", 2, "e3", ESCALATED, escalated("p2", 3));
        TimerProbes probes = new TimerProbes(null, List.of("p1", "p2", "p3"));

        Audit.Result result = audit.of(List.of(), snapshot(store, store.identities(), Map.of()), probes, Scenario.Findings.NONE);

        assertThat(result.lost()).isEqualTo(1); // p3 never escalated
        assertThat(result.duplicated()).isEqualTo(1); // p2 escalated to level 3 twice
    }

    @Test
    void aScenariosOwnFindingsAndAnyLagAreReported() {
        StoredEvents store = new StoredEvents();
        Audit.Result result = audit.of(List.of(), new Snapshot(store, Set.of(), Set.of(), new Deliveries(List.of()), Map.of(),
                Map.of(), Map.of("timeline-service", 3L)), NO_PROBES, new Scenario.Findings(2, 0, List.of("dead letters: 1 new, expected 3")));

        assertThat(result.lost()).isEqualTo(2);
        assertThat(result.notes()).contains("dead letters: 1 new, expected 3", "consumer group timeline-service is 3 records behind");
    }

    private static Snapshot snapshot(StoredEvents store, Set<String> readSides, Map<String, Integer> received) {
        return new Snapshot(store, readSides, readSides, new Deliveries(List.of()), received, Map.of(), Map.of());
    }

    private static String declared(String incident, String title) {
        return "{\"incidentId\":\"" + incident + "\",\"title\":\"" + title + "\",\"declaredAt\":\"2026-11-27T00:00:00Z\"}";
    }

    private static String status(String incident, String message) {
        return "{\"incidentId\":\"" + incident + "\",\"phase\":\"INVESTIGATING\",\"message\":\"" + message + "\"}";
    }

    private static String escalated(String incident, int level) {
        return "{\"incidentId\":\"" + incident + "\",\"level\":" + level + ",\"reason\":\"ACK_OVERDUE\",\"escalatedAt\":\"2026-11-27T00:15:00Z\"}";
    }
}
