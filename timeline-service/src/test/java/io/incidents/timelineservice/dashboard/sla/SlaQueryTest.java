package io.incidents.timelineservice.dashboard.sla;

import io.incidents.timelineservice.api.BadQueryException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SLA page's query string, and the CSV cells it writes from names that came from alerts. */
class SlaQueryTest {

    private static final Instant NOW = Instant.parse("2026-03-10T15:30:00Z");

    @Test
    void aPresetEndsNowAndComparesWithThePeriodBefore() {
        SlaQuery query = SlaQuery.parse(Map.of("days", "7", "service", " checkout ", "view", "HIGHEST"), NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-03-03T15:30:00Z"));
        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.previousFrom()).isEqualTo(Instant.parse("2026-02-24T15:30:00Z"));
        assertThat(query.service()).isEqualTo("checkout");
        assertThat(query.view()).isEqualTo(SlaQuery.View.HIGHEST);
        assertThat(query.csvLink()).isEqualTo("/sla/export.csv?days=7&service=checkout&view=highest");
        assertThat(SlaQuery.parse(Map.of(), NOW).days()).isEqualTo(30);
    }

    @Test
    void aCustomPeriodIsWholeUtcDaysCutAtNow() {
        SlaQuery query = SlaQuery.parse(Map.of("days", "custom", "from", "2026-03-01", "to", "2026-03-31"), NOW);

        assertThat(query.custom()).isTrue();
        assertThat(query.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.params()).containsExactly(Map.entry("days", "custom"), Map.entry("from", "2026-03-01"),
                Map.entry("to", "2026-03-31"), Map.entry("view", "declared"));
        // A preset in the list wins over days typed in the form without choosing "from – to".
        assertThat(SlaQuery.parse(Map.of("days", "90", "from", "2026-03-01", "to", "2026-03-02"), NOW).days()).isEqualTo(90);
        assertThat(SlaQuery.parse(Map.of("from", "2026-01-01", "to", "2026-01-01"), NOW).to())
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertThatThrownBy(() -> SlaQuery.parse(Map.of("from", "+10000-01-01", "to", "+10000-01-02"), NOW))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("from must be a day as yyyy-mm-dd.");
        assertThatThrownBy(() -> SlaQuery.parse(Map.of("from", "2025-01-01", "to", "2026-03-01"), NOW))
                .hasMessageContaining("at most 366 days");
        assertThatThrownBy(() -> SlaQuery.parse(Map.of("days", "-7"), NOW)).hasMessageContaining("days must be 7, 30 or 90");
        assertThatThrownBy(() -> SlaQuery.parse(Map.of("service", "x".repeat(101)), NOW)).hasMessageContaining("100 characters");
    }

    @Test
    void aCsvCellIsQuotedAndNeverAFormula() {
        assertThat(SlaCsv.cell("checkout")).isEqualTo("\"checkout\"");
        assertThat(SlaCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SlaCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SlaCsv.cell("-1+2")).isEqualTo("\"'-1+2\"");
    }
}
