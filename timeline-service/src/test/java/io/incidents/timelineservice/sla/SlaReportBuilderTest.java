package io.incidents.timelineservice.sla;

import io.incidents.events.Severity;
import io.incidents.policy.SlaPolicy;
import io.incidents.timelineservice.sla.SlaReport.Adherence;
import io.incidents.timelineservice.sla.SlaReport.Breach;
import io.incidents.timelineservice.sla.SlaReport.DurationStats;
import io.incidents.timelineservice.sla.SlaReport.Group;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.incidents.events.Severity.SEV1;
import static io.incidents.events.Severity.SEV2;
import static io.incidents.events.Severity.SEV3;
import static io.incidents.events.Severity.SEV4;
import static io.incidents.timelineservice.sla.IncidentHistory.T0;
import static io.incidents.timelineservice.sla.IncidentHistory.min;
import static io.incidents.timelineservice.sla.IncidentHistory.minSec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SlaReportBuilderTest {

    private static final Instant FROM = T0;
    private static final Instant TO = T0.plus(Duration.ofDays(7));

    @Test
    void ttaAndTtrStatisticsUseNearestRankPercentiles() {
        List<IncidentSla> incidents = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            incidents.add(history("INC-" + i, SEV4, Duration.ofHours(i), "api")
                    .ack(min(i)).resolve(min(10L * i)).sla(Duration.ofDays(1)));
        }

        Group sev4 = groupOf(SlaReportBuilder.build(incidents, GroupBy.SEVERITY, FROM, TO).groups(), "SEV4");

        assertThat(sev4.count()).isEqualTo(10);
        assertThat(sev4.tta()).isEqualTo(new DurationStats(10, 330.0, 300L, 540L, 600L));
        assertThat(sev4.ttr()).isEqualTo(new DurationStats(10, 3300.0, 3000L, 5400L, 6000L));
        assertThat(sev4.acknowledge()).isEqualTo(new Adherence(10, 10, 0, 100.0));
        assertThat(sev4.resolve()).isEqualTo(new Adherence(10, 10, 0, 100.0));
    }

    @Test
    void adherenceCountsOnlyJudgedClocksAndRoundsToTwoDecimals() {
        List<IncidentSla> incidents = List.of(
                history("INC-A", SEV1, min(0), "api").ack(min(3)).resolve(min(30)).sla(Duration.ofDays(1)),
                history("INC-B", SEV1, min(0), "api").ack(min(7)).resolve(min(70)).sla(Duration.ofDays(1)),
                history("INC-C", SEV1, min(0), "api").ack(min(4)).sla(min(20)));

        Group sev1 = groupOf(SlaReportBuilder.build(incidents, GroupBy.SEVERITY, FROM, TO).groups(), "SEV1");

        assertThat(sev1.count()).isEqualTo(3);
        assertThat(sev1.acknowledge()).isEqualTo(new Adherence(3, 2, 1, 66.67));
        assertThat(sev1.resolve()).isEqualTo(new Adherence(2, 1, 1, 50.0));
        assertThat(sev1.tta()).isEqualTo(new DurationStats(3, 280.0, 240L, 420L, 420L));
        assertThat(sev1.ttr()).isEqualTo(new DurationStats(2, 3000.0, 1800L, 4200L, 4200L));
    }

    @Test
    void meanIsRoundedToOneDecimal() {
        List<IncidentSla> incidents = List.of(
                history("INC-A", SEV2, min(0), "api").ack(minSec(0, 10)).sla(min(1)),
                history("INC-B", SEV2, min(0), "api").ack(minSec(0, 10)).sla(min(1)),
                history("INC-C", SEV2, min(0), "api").ack(minSec(0, 11)).sla(min(1)));

        Group sev2 = groupOf(SlaReportBuilder.build(incidents, GroupBy.SEVERITY, FROM, TO).groups(), "SEV2");

        assertThat(sev2.tta().meanSeconds()).isEqualTo(10.3);
    }

    @Test
    void aPeriodWithoutIncidentsStillListsEverySeverityWithEmptyFigures() {
        SlaReport report = SlaReportBuilder.build(List.of(), GroupBy.SEVERITY, FROM, TO);

        Group empty = new Group("SEV1", 0, new Adherence(0, 0, 0, null), new Adherence(0, 0, 0, null),
                new DurationStats(0, null, null, null, null), new DurationStats(0, null, null, null, null), List.of());
        assertThat(report.groups()).extracting(Group::key).containsExactly("SEV1", "SEV2", "SEV3", "SEV4");
        assertThat(report.byHighestSeverity()).extracting(Group::key).containsExactly("SEV1", "SEV2", "SEV3", "SEV4");
        assertThat(report.groups().get(0)).isEqualTo(empty);
        assertThat(report.groups()).allSatisfy(group -> assertThat(group.count()).isZero());
        assertThat(report.from()).isEqualTo(FROM);
        assertThat(report.to()).isEqualTo(TO);
    }

    @Test
    void anIncidentCountsUnderItsDeclaredSeverityAndUnderTheHighestItReached() {
        IncidentSla raised = history("INC-R", SEV3, min(0), "api").severity(SEV1, min(10)).sla(min(20));

        SlaReport report = SlaReportBuilder.build(List.of(raised), GroupBy.SEVERITY, FROM, TO);

        assertThat(report.groups()).extracting(Group::count).containsExactly(0, 0, 1, 0);
        assertThat(report.byHighestSeverity()).extracting(Group::count).containsExactly(1, 0, 0, 0);
        assertThat(groupOf(report.groups(), "SEV3").breaches())
                .extracting(Breach::clock, Breach::severity).containsExactly(tuple("acknowledge", SEV3));
        assertThat(groupOf(report.byHighestSeverity(), "SEV1").breaches())
                .extracting(Breach::clock, Breach::severity).containsExactly(tuple("acknowledge", SEV1));
    }

    @Test
    void byServiceAnIncidentOfTwoServicesCountsInBothAndGroupsAreSortedByName() {
        List<IncidentSla> incidents = List.of(
                history("INC-A", SEV2, min(0), "payments", "api").ack(min(5)).sla(min(10)),
                history("INC-B", SEV2, min(0), "billing").ack(min(5)).sla(min(10)),
                history("INC-C", SEV2, min(0), "api").ack(min(20)).sla(min(30)));

        SlaReport report = SlaReportBuilder.build(incidents, GroupBy.SERVICE, FROM, TO);

        assertThat(report.groups()).extracting(Group::key).containsExactly("api", "billing", "payments");
        assertThat(report.groups()).extracting(Group::count).containsExactly(2, 1, 1);
        assertThat(groupOf(report.groups(), "api").acknowledge()).isEqualTo(new Adherence(2, 1, 1, 50.0));
        assertThat(groupOf(report.groups(), "payments").acknowledge()).isEqualTo(new Adherence(1, 1, 0, 100.0));
        assertThat(report.byHighestSeverity()).isEmpty();
    }

    @Test
    void breachesAreListedByDeclarationTimeThenIncidentThenClockWithALink() {
        IncidentHistory b = history("INC-B", SEV1, Duration.ofHours(2), "api");
        IncidentHistory c = history("INC-C", SEV1, Duration.ofHours(1), "api");
        IncidentHistory a = history("INC-A", SEV1, Duration.ofHours(1), "api");
        Instant now = T0.plus(Duration.ofHours(4));
        List<IncidentSla> incidents = List.of(
                sla(b.ack(min(10)).resolve(min(90)), now),
                sla(c.ack(min(2)).resolve(min(70)), now),
                sla(a, now));

        List<Breach> breaches = groupOf(SlaReportBuilder.build(incidents, GroupBy.SEVERITY, FROM, TO).groups(), "SEV1")
                .breaches();

        assertThat(breaches).extracting(Breach::incidentId, Breach::clock).containsExactly(
                tuple("INC-A", "acknowledge"),
                tuple("INC-A", "resolve"),
                tuple("INC-C", "resolve"),
                tuple("INC-B", "acknowledge"),
                tuple("INC-B", "resolve"));
        assertThat(breaches.get(0)).isEqualTo(new Breach("INC-A", "Incident INC-A", "acknowledge", SEV1,
                a.at(min(5)), null, "/api/v1/incidents/INC-A"));
        assertThat(breaches.get(2).stoppedAt()).isEqualTo(c.at(min(70)));
        assertThat(breaches.get(2).deadline()).isEqualTo(c.at(min(60)));
    }

    @Test
    void theSameIncidentsInAnyOrderGiveTheSameReport() {
        List<IncidentSla> incidents = new ArrayList<>();
        Severity[] levels = Severity.values();
        for (int i = 0; i < 12; i++) {
            incidents.add(history("INC-" + i, levels[i % 4], Duration.ofMinutes(i), "svc-" + (i % 3), "shared")
                    .ack(min(3L * i)).resolve(min(40L * i)).sla(Duration.ofDays(2)));
        }
        List<IncidentSla> shuffled = new ArrayList<>(incidents);
        Collections.shuffle(shuffled, new Random(42));

        for (GroupBy groupBy : GroupBy.values()) {
            assertThat(SlaReportBuilder.build(shuffled, groupBy, FROM, TO))
                    .isEqualTo(SlaReportBuilder.build(incidents, groupBy, FROM, TO));
        }
    }

    private static IncidentHistory history(String id, Severity severity, Duration afterFrom, String... services) {
        return IncidentHistory.declared(id, severity, T0.plus(afterFrom), List.of(services));
    }

    private static IncidentSla sla(IncidentHistory history, Instant now) {
        return SlaEngine.evaluate(history.events(), SlaPolicy.DEFAULT, now);
    }

    private static Group groupOf(List<Group> groups, String key) {
        return groups.stream().filter(group -> group.key().equals(key)).findFirst().orElseThrow();
    }
}
