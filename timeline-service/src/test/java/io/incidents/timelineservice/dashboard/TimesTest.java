package io.incidents.timelineservice.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:05:07.123456Z");

    @Test
    void printsUtcToTheSecondAsPagesShowIt() {
        assertThat(new Times().utc(AT)).isEqualTo("2026-03-01 09:05:07 UTC");
        assertThat(new Times().utc(null)).isEmpty();
        assertThat(Times.appendIsoSeconds(new StringBuilder("at "), AT)).hasToString("at 2026-03-01T09:05:07Z");
        assertThat(new Times().iso(AT)).as("a moment to ask for keeps its fraction").isEqualTo("2026-03-01T09:05:07.123456Z");
    }

    @Test
    void aLeadIsShownOnlyWhenTheFirstMomentCameEarlier() {
        assertThat(new Times().lead(AT.minusSeconds(600), AT)).isEqualTo("10 min");
        assertThat(new Times().lead(AT, AT)).as("detected when declared").isNull();
        assertThat(new Times().lead(AT.plusSeconds(60), AT)).isNull();
    }
}
