package io.incidents.timelineservice.ledger;

import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEvent;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.policy.SlaPolicy;
import io.incidents.policy.SlaTarget;
import io.incidents.support.events.StoredEvent;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.sla.GroupBy;
import io.incidents.timelineservice.sla.IncidentSla;
import io.incidents.timelineservice.sla.SlaEngine;
import io.incidents.timelineservice.sla.SlaFacts;
import io.incidents.timelineservice.sla.SlaReport;
import io.incidents.timelineservice.sla.SlaReportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA report read from the facts rows in SQL must say what the SLA engine and the report
 * builder say from the events, for any incidents and any targets: random incident lifecycles
 * (detections before the declaration, some given too early and clamped; raises, lowerings,
 * acknowledgements, resolutions, reopenings, rollbacks, moments exactly on a deadline) in a period
 * no other test uses, compared under several policies.
 */
@IntegrationTest
class SlaReportQueriesIntegrationTest {

    private static final List<String> SERVICES = List.of("api", "billing", "checkout", "search");
    /** Minutes after detection at which clocks stop: the plan's targets, so that "exactly at the deadline" comes up often. */
    private static final long[] ON_A_TARGET = {5, 15, 30, 60, 240, 480, 1440};

    @Autowired
    EventLedger liveLedger;
    @Autowired
    SlaReportQueries liveSlaReports;
    @Autowired
    SlaFactsBackfill backfill;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final Map<String, List<StoredEvent>> histories = new LinkedHashMap<>();
    private Instant from;
    private Instant to;

    @BeforeEach
    void applyRandomIncidents() {
        // A week in the 1990s of this run's own: no other test declares incidents there.
        from = Instant.parse("1990-01-01T00:00:00Z").plus(Duration.ofDays(7L * random.nextInt(500)));
        to = from.plus(Duration.ofDays(7));
        for (int i = 0; i < 300; i++) {
            String id = Incidents.newId();
            histories.put(id, lifecycle(id, from.plusSeconds(random.nextInt(7 * 24 * 3600))));
        }
        List<StoredEvent> all = histories.values().stream().flatMap(List::stream).toList();
        transaction.executeWithoutResult(status -> liveLedger.applyAll(all, Instant.now()));
    }

    @AfterEach
    void removeThem() {
        for (String table : LedgerTables.LIVE.all()) {
            jdbc.update("DELETE FROM " + table + " WHERE incident_id = ANY(?::text[])", (Object) histories.keySet().toArray(String[]::new));
        }
    }

    @Test
    void theReportFromTheRowsIsTheReportFromTheEventsUnderAnyTargets() {
        Instant now = from.plus(Duration.ofDays(3)); // some incidents declared after it: clocks running or far past
        SlaPolicy strict = SlaPolicy.DEFAULT.with(Severity.SEV2, SlaTarget.of(Duration.ofMinutes(1), Duration.ofMinutes(30)))
                .with(Severity.SEV4, SlaTarget.of(Duration.ofMinutes(10), Duration.ofHours(1)));
        SlaPolicy lenient = SlaPolicy.DEFAULT.with(Severity.SEV1, SlaTarget.of(Duration.ofHours(2), Duration.ofDays(2)));
        for (SlaPolicy policy : List.of(SlaPolicy.DEFAULT, strict, lenient)) {
            for (GroupBy groupBy : GroupBy.values()) {
                SlaReport expected = SlaReportBuilder.build(judged(policy, now), groupBy, from, to);

                SlaReport fromRows = liveSlaReports.report(from, to, groupBy, policy, now, Integer.MAX_VALUE);

                assertThat(fromRows).as("seed %d, %s, %s", seed, groupBy, policy).isEqualTo(expected);
            }
        }
    }

    @Test
    void aGroupListsAtMostTheFirstBreachesInOrderAndCountsThemAll() {
        Instant now = to.plus(Duration.ofDays(1));
        SlaReport expected = SlaReportBuilder.build(judged(SlaPolicy.DEFAULT, now), GroupBy.SEVERITY, from, to);

        SlaReport listed = liveSlaReports.report(from, to, GroupBy.SEVERITY, SlaPolicy.DEFAULT, now, 2);

        assertThat(expected.groups()).anyMatch(group -> group.breaches().size() > 2);
        for (int i = 0; i < expected.groups().size(); i++) {
            SlaReport.Group all = expected.groups().get(i);
            SlaReport.Group first = listed.groups().get(i);
            assertThat(first.breaches()).as("seed %d", seed).isEqualTo(all.breaches().subList(0, Math.min(2, all.breaches().size())));
            assertThat(first.acknowledge()).isEqualTo(all.acknowledge());
            assertThat(first.resolve()).isEqualTo(all.resolve());
        }
    }

    @Test
    void pagingThroughAGroupsBreachesGivesItsWholeList() {
        Instant now = to.plus(Duration.ofDays(1));
        SlaReport bySeverity = SlaReportBuilder.build(judged(SlaPolicy.DEFAULT, now), GroupBy.SEVERITY, from, to);
        SlaReport byService = SlaReportBuilder.build(judged(SlaPolicy.DEFAULT, now), GroupBy.SERVICE, from, to);

        for (SlaReport.Group group : bySeverity.groups()) {
            assertThat(allPages("declared", group.key(), now)).as("seed %d", seed).isEqualTo(group.breaches());
        }
        for (SlaReport.Group group : bySeverity.byHighestSeverity()) {
            assertThat(allPages("highest", group.key(), now)).as("seed %d", seed).isEqualTo(group.breaches());
        }
        for (SlaReport.Group group : byService.groups()) {
            assertThat(allPages("service", group.key(), now)).as("seed %d", seed).isEqualTo(group.breaches());
        }
    }

    private List<SlaReport.Breach> allPages(String view, String key, Instant now) {
        List<SlaReport.Breach> all = new ArrayList<>();
        SlaReportQueries.BreachCursor after = null;
        do {
            SlaReportQueries.BreachPage page = liveSlaReports.breaches(from, to, view, key, SlaPolicy.DEFAULT, now, after, 7);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(7);
            all.addAll(page.items());
            after = page.next();
        } while (after != null);
        return all;
    }

    @Test
    void theFactsOfIncidentsAppliedBeforeTheTableExistedAreDerivedFromTheirEventsOnceAfterTheUpgrade() {
        List<String> some = histories.keySet().stream().limit(120).toList();
        jdbc.update("DELETE FROM incident_sla WHERE incident_id = ANY(?::text[])", (Object) some.toArray(String[]::new));

        backfill.run();
        assertThat(factsRows()).as("no marker: a start derives nothing").hasSize(histories.size() - some.size());

        jdbc.update("INSERT INTO sla_facts_backfill (pending) VALUES (TRUE)"); // as V5 leaves it on a database with incidents
        backfill.run();

        assertThat(factsRows()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(
                histories.values().stream().map(events -> SlaEngine.facts(events.stream().map(StoredEvent::event).toList())).toList());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sla_facts_backfill", Long.class)).as("done: later starts skip it").isZero();
    }

    private List<SlaFacts> factsRows() {
        return new SlaRows(jdbc, LedgerTables.LIVE).declaredBetween(from, to);
    }

    private List<IncidentSla> judged(SlaPolicy policy, Instant now) {
        return histories.values().stream()
                .map(events -> SlaEngine.evaluate(events.stream().map(StoredEvent::event).toList(), policy, now)).toList();
    }

    /** A declaration and up to eight later events, each at or after the one before (several at the same moment). */
    private List<StoredEvent> lifecycle(String id, Instant declaredAt) {
        List<IncidentEvent> events = new ArrayList<>();
        Severity severity = Severity.values()[random.nextInt(4)];
        String[] services = random.ints(1 + random.nextInt(3), 0, SERVICES.size()).mapToObj(SERVICES::get).toArray(String[]::new);
        // The clocks start at detection: up to 3 h before the declaration, or given earlier than 24 h and clamped,
        // or at the declaration, recorded (an alert without a time) or not (an event from before detection was recorded).
        IncidentDeclared declared = switch (random.nextInt(4)) {
            case 0 -> Incidents.detected(id, severity, declaredAt, declaredAt.minusSeconds(random.nextInt(3 * 3600)), services);
            case 1 -> Incidents.detected(id, severity, declaredAt, declaredAt.minus(Duration.ofHours(25 + random.nextInt(24))),
                    services);
            case 2 -> Incidents.detected(id, severity, declaredAt, null, services);
            default -> Incidents.declared(id, severity, declaredAt, services);
        };
        events.add(declared);
        Instant at = declaredAt;
        boolean resolved = false;
        for (int n = random.nextInt(9); n > 0; n--) {
            at = random.nextInt(4) == 0 ? declared.detection().plusSeconds(60 * ON_A_TARGET[random.nextInt(ON_A_TARGET.length)])
                    : at.plusSeconds(random.nextInt(5) == 0 ? 0 : random.nextInt(4 * 3600));
            if (at.isBefore(events.get(events.size() - 1).occurredAt())) {
                at = events.get(events.size() - 1).occurredAt();
            }
            switch (random.nextInt(5)) {
                case 0 -> {
                    Severity to = Severity.values()[random.nextInt(4)];
                    if (to != severity) {
                        events.add(new SeverityChanged(id, severity, to, "reassessed", at));
                        severity = to;
                    }
                }
                case 1 -> events.add(new IncidentAcknowledged(id, "alice", at));
                case 2 -> {
                    if (resolved) {
                        events.add(new IncidentReopened(id, "came back", at));
                    } else {
                        events.add(new IncidentResolved(id, "fixed", "a bad deploy", at));
                    }
                    resolved = !resolved;
                }
                case 3 -> events.add(new RollbackCompleted(id, "rb-" + n, at));
                default -> {
                    if (!resolved) {
                        events.add(new IncidentResolved(id, "fixed", "a bad deploy", at));
                        resolved = true;
                    }
                }
            }
        }
        List<StoredEvent> stored = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            IncidentEvent event = events.get(sequence);
            stored.add(new StoredEvent(UUID.randomUUID().toString(), id, sequence, event.getClass().getSimpleName(),
                    event.occurredAt(), "alice", "request-" + sequence, event));
        }
        return stored;
    }
}
