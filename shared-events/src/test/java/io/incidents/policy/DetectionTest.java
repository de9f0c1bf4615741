package io.incidents.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionTest {

    private static final Instant DECLARED = Instant.parse("2026-03-14T09:30:00Z");

    @Test
    void withoutAGivenTimeDetectionIsTheDeclaration() {
        assertThat(Detection.of(null, DECLARED)).isEqualTo(new Detection(DECLARED, null));
    }

    @Test
    void aTimeBeforeTheDeclarationIsTakenAsItIs() {
        Instant tenMinutesEarlier = DECLARED.minus(Duration.ofMinutes(10));

        Detection detection = Detection.of(tenMinutesEarlier, DECLARED);

        assertThat(detection.detectedAt()).isEqualTo(tenMinutesEarlier);
        assertThat(detection.clamped()).isFalse();
    }

    @Test
    void exactlyTwentyFourHoursBeforeIsStillTakenAsItIs() {
        Instant dayEarlier = DECLARED.minus(Duration.ofHours(24));

        assertThat(Detection.of(dayEarlier, DECLARED)).isEqualTo(new Detection(dayEarlier, null));
    }

    @Test
    void anOlderTimeIsClampedToTwentyFourHoursBeforeAndTheGivenValueKept() {
        Instant twoDaysEarlier = DECLARED.minus(Duration.ofDays(2));

        Detection detection = Detection.of(twoDaysEarlier, DECLARED);

        assertThat(detection.detectedAt()).isEqualTo(DECLARED.minus(Duration.ofHours(24)));
        assertThat(detection.asGiven()).isEqualTo(twoDaysEarlier);
    }

    @Test
    void aFutureTimeIsClampedToTheDeclaration() {
        Instant later = DECLARED.plusSeconds(90);

        Detection detection = Detection.of(later, DECLARED);

        assertThat(detection.detectedAt()).isEqualTo(DECLARED);
        assertThat(detection.asGiven()).isEqualTo(later);
    }
}
