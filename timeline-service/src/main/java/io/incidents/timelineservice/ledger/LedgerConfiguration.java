package io.incidents.timelineservice.ledger;

import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.policy.SlaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class LedgerConfiguration {

    @Bean
    EventLedger liveLedger(JdbcTemplate jdbc, SlaPolicy slaPolicy) {
        return new EventLedger(jdbc, LedgerTables.LIVE, slaPolicy);
    }

    @Bean
    SlaPolicy slaPolicy(SlaProperties properties) {
        return properties.toPolicy();
    }

    @Bean
    RollbackDurations rollbackDurations() {
        return RollbackDurations.DEFAULT;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Declared here too, so the timeline can start before incident-service has created it. */
    @Bean
    NewTopic incidentEventsTopic(TimelineProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    @Bean
    NewTopic incidentEventsDeadLetterTopic(TimelineProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    /**
     * An unreadable record is retried a few times, then published to the dead-letter topic and
     * recorded, and consumption goes on. Any other failure (the database is down) is retried
     * until it succeeds: such a record is not bad, and dropping it would lose an event.
     */
    @Bean
    DefaultErrorHandler incidentEventsErrorHandler(TimelineProperties properties, KafkaTemplate<String, String> kafkaTemplate,
                                                   DeadLetters deadLetters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(properties.deadLetterTopic(), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            publisher.accept(record, exception);
            deadLetters.record(record, exception);
        });
        ExponentialBackOffWithMaxRetries poison = new ExponentialBackOffWithMaxRetries(properties.poisonRetries());
        poison.setInitialInterval(properties.poisonBackoff().toMillis());
        poison.setMultiplier(2);
        FixedBackOff untilItWorks = new FixedBackOff(properties.failureBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
        handler.setBackOffFunction((record, exception) -> isPoison(exception) ? poison : untilItWorks);
        return handler;
    }

    private static boolean isPoison(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException) {
                return true;
            }
        }
        return false;
    }
}
