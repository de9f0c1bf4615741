package io.incidents.notificationservice.delivery;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryPropertiesTest {

    private static DeliveryProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("notifications.delivery", DeliveryProperties.class);
    }

    @Test
    void theDefaultsRetryForADayWithBackoffCappedAtFiveMinutesAndWaitThirtySecondsForAnAnswer() {
        DeliveryProperties defaults = bind(Map.of());

        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.pendingAlarmAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aLeaseThatCouldRunOutDuringAnAttemptIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("notifications.delivery.lease", "30s")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("notifications.delivery: lease must be longer than connect-timeout plus read-timeout");
    }

    @Test
    void aBackoffCapBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("notifications.delivery.initial-backoff", "10m")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("notifications.delivery: max-backoff must be at least initial-backoff");
    }

    @Test
    void giveUpAfterIsASetting() {
        assertThat(bind(Map.of("notifications.delivery.give-up-after", "48h")).giveUpAfter()).isEqualTo(Duration.ofHours(48));
    }
}
