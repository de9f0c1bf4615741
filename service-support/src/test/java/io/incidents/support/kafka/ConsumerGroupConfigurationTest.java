package io.incidents.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerGroupConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsumerGroupConfiguration.class, KafkaAutoConfiguration.class));

    @Test
    void everyConsumerOfTheFactoryGetsTheGroupSettings() {
        context.run(started -> assertThat(started.getBean(ConsumerFactory.class).getConfigurationProperties())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }

    @Test
    void theyOutrankTheSameSettingsUnderSpringKafka() {
        context.withPropertyValues("incidents.kafka.consumer-group.session-timeout=20s",
                        "incidents.kafka.consumer-group.heartbeat-interval=5s",
                        "incidents.kafka.consumer-group.max-poll-records=10",
                        "spring.kafka.consumer.max-poll-records=500")
                .run(started -> assertThat(started.getBean(ConsumerFactory.class).getConfigurationProperties())
                        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 20_000)
                        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 5_000)
                        .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10));
    }

    @Test
    void aHeartbeatTooRareForTheSessionTimeoutStopsTheStart() {
        context.withPropertyValues("incidents.kafka.consumer-group.session-timeout=10s",
                        "incidents.kafka.consumer-group.heartbeat-interval=4s")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("at least three heartbeat intervals"));
    }
}
