package io.incidents.incidentservice.alerting;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTimesTest {

    @Test
    void anOffsetIsHonoured() {
        assertThat(AlertTimes.parse("2026-11-26T11:40:00.5+01:00")).contains(Instant.parse("2026-11-26T10:40:00.5Z"));
    }

    @Test
    void aTimeWithoutAnOffsetIsUtc() {
        assertThat(AlertTimes.parse("2026-11-26T10:40:00")).contains(Instant.parse("2026-11-26T10:40:00Z"));
    }

    @Test
    void alertmanagersZeroTimeMissingAndUnreadableTimesAreNoTime() {
        assertThat(AlertTimes.parse("0001-01-01T00:00:00Z")).isEmpty();
        assertThat(AlertTimes.parse(null)).isEmpty();
        assertThat(AlertTimes.parse(" ")).isEmpty();
        assertThat(AlertTimes.parse("yesterday")).isEmpty();
        assertThat(AlertTimes.parse("2026-11-26")).isEmpty();
    }
}
