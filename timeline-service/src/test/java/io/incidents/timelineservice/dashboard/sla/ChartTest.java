package io.incidents.timelineservice.dashboard.sla;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SLA page's chart geometry: values land where the axes say they are. */
class ChartTest {

    private static final Chart.Axis PERCENT = new Chart.Axis("% met", 100.0, false, v -> Format.plain(v) + " %");
    private static final Chart.Axis COUNT = new Chart.Axis("incidents", null, true, Format::plain);

    @Test
    void aScaleMapsItsDomainOntoItsRangeEvenUpsideDown() {
        LinearScale y = new LinearScale(0, 100, 212, 14);
        assertThat(y.map(0)).isEqualTo(212.0);
        assertThat(y.map(100)).isEqualTo(14.0);
        assertThat(y.map(50)).isEqualTo(113.0);
        assertThat(y.map(25)).isEqualTo(162.5);
        assertThat(new LinearScale(10, 20, 0, 100).map(15)).isEqualTo(50.0);
        assertThat(y.ticks(4)).containsExactly(0.0, 25.0, 50.0, 75.0, 100.0);
        assertThatThrownBy(() -> new LinearScale(5, 5, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAxisEndsAtARoundNumberAboveTheData() {
        assertThat(LinearScale.niceMax(37, 4, false)).isEqualTo(40.0);
        assertThat(LinearScale.niceMax(40, 4, false)).isEqualTo(40.0);
        assertThat(LinearScale.niceMax(9, 4, false)).isEqualTo(10.0);
        assertThat(LinearScale.niceMax(1.7, 4, false)).isEqualTo(2.0);
        assertThat(LinearScale.niceMax(0.9, 4, false)).isEqualTo(1.0);
        assertThat(LinearScale.niceMax(130, 4, false)).isEqualTo(160.0);
        // Counts step by whole numbers: 3 incidents over 4 steps is 0..4, never 0.75 apart.
        assertThat(LinearScale.niceMax(3, 4, true)).isEqualTo(4.0);
        assertThat(LinearScale.niceMax(9, 4, true)).isEqualTo(12.0);
        assertThat(LinearScale.niceMax(0, 4, true)).isEqualTo(4.0);
    }

    @Test
    void linePointsSitInTheMiddleOfTheirWeekAtTheirValue() {
        Chart chart = Chart.lines("c", "title", "description", "Week from", List.of("5 Jan", "12 Jan"),
                List.of(series("SEV1", 100.0, 50.0)), PERCENT);

        Chart.Line line = chart.lines().get(0);
        // Plot from x 56 to 624: two bands of 284, centres at 198 and 482; y from 212 (0 %) to 14 (100 %).
        assertThat(line.points()).extracting(Chart.Point::x).containsExactly(198.0, 482.0);
        assertThat(line.points()).extracting(Chart.Point::y).containsExactly(14.0, 113.0);
        assertThat(line.segments()).containsExactly("198.0,14.0 482.0,113.0");
        assertThat(line.points().get(1).tip()).isEqualTo("SEV1, 12 Jan: 50 of it");
        assertThat(chart.ticksY()).extracting(Chart.Tick::text).containsExactly("0 %", "25 %", "50 %", "75 %", "100 %");
        assertThat(chart.ticksX()).extracting(Chart.Tick::at).containsExactly(198.0, 482.0);
        assertThat(chart.legend()).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo("SEV1");
            assertThat(key.swatchClass()).isEqualTo("sev1");
            assertThat(key.line()).isTrue();
        });
    }

    @Test
    void aWeekWithoutAValueBreaksTheLineInsteadOfDrawingZero() {
        Chart chart = Chart.lines("c", "t", "d", "Week from", List.of("a", "b", "c", "d"),
                List.of(series("SEV2", 100.0, 0.0, null, 100.0)), PERCENT);

        Chart.Line line = chart.lines().get(0);
        assertThat(line.points()).hasSize(3);
        assertThat(line.segments()).hasSize(2);
        assertThat(line.segments().get(0).split(" ")).hasSize(2);
        assertThat(line.points()).extracting(Chart.Point::y).containsExactly(14.0, 212.0, 14.0);
        assertThat(chart.table().rows().get(2)).containsExactly("c", "none");
    }

    @Test
    void stackedBarsPileUpFromTheAxisWithTheTotalOnTop() {
        Chart chart = Chart.stackedBars("v", "t", "d", "Week from", List.of("w1", "w2"),
                List.of(series("SEV1", 1.0, 0.0), series("SEV2", 3.0, 2.0)), COUNT);

        // 4 at most: the axis goes to 4 in whole steps; 1 incident is 49.5 px of the 198 px plot.
        assertThat(chart.ticksY()).extracting(Chart.Tick::text).containsExactly("0", "1", "2", "3", "4");
        assertThat(chart.bars()).hasSize(3);
        Chart.Bar sev1 = chart.bars().get(0);
        Chart.Bar sev2 = chart.bars().get(1);
        assertThat(sev1.y() + sev1.height()).isEqualTo(212.0);
        assertThat(sev1.height()).isEqualTo(49.5);
        assertThat(sev2.y() + sev2.height()).isEqualTo(sev1.y());
        assertThat(sev2.y()).isEqualTo(14.0);
        assertThat(sev1.x()).isEqualTo(sev2.x());
        assertThat(sev1.width()).isEqualTo(198.8);
        assertThat(chart.labels()).extracting(Chart.Label::text).containsExactly("4", "2");
        assertThat(chart.table().header()).containsExactly("Week from", "SEV1", "SEV2", "Total");
        assertThat(chart.table().rows().get(0)).containsExactly("w1", "1 of it", "3 of it", "4");
    }

    @Test
    void horizontalBarsGrowFromTheLeftEdgeInProportion() {
        Chart chart = Chart.horizontalBars("s", "t", "d", "Service", List.of("checkout", "a-very-long-service-name-indeed"),
                List.of(series("acknowledge", 80.0, null), series("resolve", 60.0, 100.0)), PERCENT);

        // From x 150 to 540: 390 px for 100 %.
        assertThat(chart.bars()).extracting(Chart.Bar::x).containsOnly(150.0);
        assertThat(chart.bars()).extracting(Chart.Bar::width).containsExactly(312.0, 234.0, 390.0);
        assertThat(chart.labels()).extracting(Chart.Label::text)
                .containsExactly("acknowledge 80 %", "resolve 60 %", "acknowledge: none", "resolve 100 %");
        assertThat(chart.ticksY()).extracting(Chart.Tick::text).containsExactly("checkout", "a-very-long-service-n…");
        assertThat(chart.height()).isGreaterThan((int) chart.frame().bottom());
    }

    @Test
    void weeksStartOnMondayAndAreCutToThePeriod() {
        // Wednesday 7 January to Wednesday 21 January 2026.
        List<Week> weeks = Week.covering(Instant.parse("2026-01-07T10:00:00Z"), Instant.parse("2026-01-21T10:00:00Z"));

        assertThat(weeks).extracting(Week::start).containsExactly(Instant.parse("2026-01-07T10:00:00Z"),
                Instant.parse("2026-01-12T00:00:00Z"), Instant.parse("2026-01-19T00:00:00Z"));
        assertThat(weeks.get(2).end()).isEqualTo(Instant.parse("2026-01-21T10:00:00Z"));
        assertThat(SlaCharts.weekLabels(weeks)).containsExactly("7 Jan", "12 Jan", "19 Jan");
    }

    private static Chart.Series series(String name, Double... values) {
        List<Double> list = Arrays.asList(values);
        return new Chart.Series(name, "s-" + name.toLowerCase(), list,
                list.stream().map(v -> v == null ? "none" : Format.plain(v) + " of it").toList());
    }
}
