package io.incidents.demo;

import io.incidents.demo.PastIncident.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's history is valid for the import API and believable for an SLA report. */
class HistoryGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T15:30:00Z");
    private static final List<PastIncident> HISTORY = new HistoryGenerator(20261126).history(NOW, 95);

    private static int severity(PastIncident incident) {
        return List.of(HistoryGenerator.SEVERITIES).indexOf(incident.severity());
    }

    private static List<Step> steps(String type) {
        return HISTORY.stream().flatMap(i -> i.steps().stream()).filter(s -> s.type().equals(type)).toList();
    }

    private static double share(Predicate<PastIncident> which) {
        return (double) HISTORY.stream().filter(which).count() / HISTORY.size();
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndALaterRunOnlyAddsWhatEndedSince() {
        List<PastIncident> again = new HistoryGenerator(20261126).history(NOW, 95);
        List<PastIncident> tomorrow = new HistoryGenerator(20261126).history(NOW.plus(Duration.ofDays(1)), 96);

        assertThat(HistoryImport.body(again)).isEqualTo(HistoryImport.body(HISTORY));
        assertThat(tomorrow).containsAll(HISTORY);
        assertThat(new HistoryGenerator(7).history(NOW, 95)).doesNotContainAnyElementsOf(HISTORY);
    }

    @Test
    void everyIncidentIsFinishedInThePastWithItsStepsInOrderAndAnIdOfItsOwn() {
        Set<String> ids = new HashSet<>();
        for (PastIncident incident : HISTORY) {
            assertThat(ids.add(incident.externalId())).as("unique %s", incident.externalId()).isTrue();
            Instant previous = incident.declaredAt();
            for (Step step : incident.steps()) {
                assertThat(step.at()).as("%s %s", incident.externalId(), step.type()).isAfterOrEqualTo(previous)
                        .isEqualTo(step.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                previous = step.at();
            }
            assertThat(previous).isBeforeOrEqualTo(NOW);
            List<Step> beforeFollowUps = incident.steps().stream().filter(s -> !s.type().equals("ACTION_ITEM")).toList();
            assertThat(beforeFollowUps.get(beforeFollowUps.size() - 1).type()).as(incident.externalId()).isEqualTo("RESOLVE");
        }
    }

    @Test
    void itCoversMoreThanNinetyDaysWithAFewIncidentsADay() {
        LocalDate first = HISTORY.get(0).declaredAt().atZone(ZoneOffset.UTC).toLocalDate();
        long days = Duration.between(first.atStartOfDay().toInstant(ZoneOffset.UTC), NOW).toDays();
        assertThat(days).isGreaterThanOrEqualTo(90);
        Map<LocalDate, Long> perDay = HISTORY.stream().collect(Collectors.groupingBy(
                i -> i.declaredAt().atZone(ZoneOffset.UTC).toLocalDate(), Collectors.counting()));
        assertThat(perDay.size()).isGreaterThanOrEqualTo(90);
        assertThat((double) HISTORY.size() / perDay.size()).isBetween(2.0, 5.0);
    }

    @Test
    void severitiesComeInRealisticProportions() {
        assertThat(share(i -> severity(i) == 0)).isBetween(0.02, 0.12);
        assertThat(share(i -> severity(i) == 1)).isBetween(0.12, 0.35);
        assertThat(share(i -> severity(i) == 2)).isBetween(0.25, 0.55);
        assertThat(share(i -> severity(i) == 3)).isBetween(0.18, 0.45);
    }

    @Test
    void mostMeetTheirTargetsAndSomeBreachThem() {
        double ackBreaches = share(i -> {
            Instant ack = i.steps().stream().filter(s -> s.type().equals("ACKNOWLEDGE")).findFirst().orElseThrow().at();
            return ack.isAfter(i.declaredAt().plus(HistoryGenerator.ACK_TARGET[severity(i)]));
        });
        double resolveBreaches = share(i -> {
            Instant resolved = i.steps().stream().filter(s -> s.type().equals("RESOLVE")).reduce((a, b) -> b).orElseThrow().at();
            return resolved.isAfter(i.declaredAt().plus(HistoryGenerator.RESOLVE_TARGET[severity(i)]));
        });
        assertThat(ackBreaches).isBetween(0.02, 0.20);
        assertThat(resolveBreaches).isBetween(0.03, 0.30);
    }

    @Test
    void escalationsByTimeoutFallWhereTheTimerWouldHavePutThem() {
        assertThat(steps("ACK_OVERDUE")).hasSizeGreaterThan(5);
        for (PastIncident incident : HISTORY) {
            Duration interval = HistoryGenerator.ACK_TARGET[severity(incident)];
            List<Step> overdue = incident.steps().stream().filter(s -> s.type().equals("ACK_OVERDUE")).toList();
            for (int k = 0; k < overdue.size(); k++) {
                assertThat(overdue.get(k).at()).isEqualTo(incident.declaredAt().plus(interval.multipliedBy(k + 1)));
                assertThat(overdue.get(k).by()).isNull();
            }
            assertThat(HistoryGenerator.LEVEL_AT_DECLARATION[severity(incident)] + overdue.size()).isLessThanOrEqualTo(4);
        }
        assertThat(steps("ESCALATE")).isNotEmpty();
    }

    @Test
    void everyRollbackProcedureAppearsSomeFailSomeOverrun() {
        List<Step> started = steps("ROLLBACK_START");
        assertThat(started).extracting(Step::procedure).contains("A", "B", "C", "D");
        assertThat(steps("ROLLBACK_FAIL")).isNotEmpty();
        long overruns = HISTORY.stream().mapToLong(incident -> {
            long count = 0;
            for (Step start : incident.steps()) {
                if (start.type().equals("ROLLBACK_START")) {
                    Step end = incident.steps().stream().filter(s -> start.rollback().equals(s.rollback())
                            && !s.type().equals("ROLLBACK_START")).findFirst().orElseThrow();
                    int max = HistoryGenerator.ROLLBACK_MAX[start.procedure().charAt(0) - 'A'];
                    count += end.type().equals("ROLLBACK_COMPLETE")
                            && Duration.between(start.at(), end.at()).getSeconds() > max ? 1 : 0;
                }
            }
            return count;
        }).sum();
        assertThat(overruns).isGreaterThan(0).isLessThan(started.size() / 3);
    }

    @Test
    void theRestOfAResponseIsThereToo() {
        assertThat(steps("REOPEN")).isNotEmpty();
        assertThat(steps("SEVERITY")).extracting(Step::severity).contains("SEV1", "SEV2", "SEV3", "SEV4");
        assertThat(steps("STATUS")).extracting(Step::status).contains("INVESTIGATING", "IDENTIFIED", "MONITORING");
        assertThat(steps("ROLE")).extracting(Step::role)
                .contains("INCIDENT_COMMANDER", "TECHNICAL_LEAD", "COMMUNICATIONS_LEAD", "SCRIBE");
        assertThat(steps("ACTION_ITEM")).isNotEmpty().allSatisfy(item -> {
            assertThat(item.owner()).isNotBlank();
            assertThat(item.due()).isAfter(item.at().atZone(ZoneOffset.UTC).toLocalDate());
        });
        assertThat(HISTORY).anySatisfy(i -> assertThat(i.source()).isNotNull())
                .anySatisfy(i -> assertThat(i.source()).isNull());
    }

    @Test
    void theBodyIsWhatTheImportEndpointReads() {
        String body = HistoryImport.body(HISTORY.subList(0, 5));

        assertThat(body).startsWith("{\"incidents\":[{\"externalId\":\"demo-history/")
                .contains("\"declaredAt\":\"20", "\"steps\":[{\"type\":\"", "\"type\":\"RESOLVE\"")
                .doesNotContain("null", "\"declaredAt\":1");
    }
}
