package io.incidents.timelineservice.ledger;

import io.incidents.support.events.PoisonRecordException;

import io.incidents.policy.RollbackDurations;
import io.incidents.support.events.DeadLetters;
import io.incidents.support.events.DatabaseProbe;
import io.incidents.support.kafka.IncidentEventsTopic;
import io.incidents.support.kafka.RequiredTopic;
import io.incidents.support.events.IncidentEventsErrorHandler;
import io.incidents.policy.SlaPolicy;
import io.incidents.support.policy.SlaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class LedgerConfiguration {

    @Bean
    EventLedger liveLedger(JdbcTemplate jdbc, SlaPolicy slaPolicy) {
        return new EventLedger(jdbc, LedgerTables.LIVE, slaPolicy);
    }

    @Bean
    SlaReportQueries liveSlaReports(JdbcTemplate jdbc) {
        return new SlaReportQueries(jdbc, LedgerTables.LIVE);
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

    @Bean
    DeadLetters deadLetters(JdbcTemplate jdbc, Clock clock) {
        return new DeadLetters(jdbc, clock);
    }

    /** Never created here (incident-service does that); a wrong partition count stops the start. */
    @Bean
    RequiredTopic incidentEventsTopic(TimelineProperties properties) {
        return new IncidentEventsTopic(properties.topic(), properties.partitions(), (short) 1, 1).checkedHere();
    }

    @Bean
    NewTopic incidentEventsDeadLetterTopic(TimelineProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    /** A record that fails on its own account: a few retries, then the DLT and the dead_letter table; an outage is waited out. */
    @Bean
    DefaultErrorHandler incidentEventsErrorHandler(TimelineProperties properties, KafkaTemplate<String, String> kafkaTemplate,
                                                   DeadLetters deadLetters, DataSource dataSource) {
        return IncidentEventsErrorHandler.create(kafkaTemplate, properties.deadLetterTopic(), deadLetters::record,
                properties.poisonRetries(), properties.poisonBackoff(), properties.failureBackoff(), new DatabaseProbe(dataSource));
    }
}
