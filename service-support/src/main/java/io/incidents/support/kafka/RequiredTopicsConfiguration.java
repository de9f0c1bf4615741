package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.ArrayList;
import java.util.List;

/**
 * Every topic a service needs is settled by one {@link RequiredTopicsGuard}: the
 * {@link RequiredTopic} beans (incident-events) and every topic declared the Spring way, as a
 * {@link NewTopic} bean, which the guard creates when missing.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(KafkaAdmin.class)
@EnableConfigurationProperties(TopicCheckProperties.class)
public class RequiredTopicsConfiguration {

    @Bean
    RequiredTopicsGuard requiredTopicsGuard(KafkaAdmin kafkaAdmin, ObjectProvider<RequiredTopic> required,
                                            ObjectProvider<NewTopic> declared, TopicCheckProperties properties) {
        List<RequiredTopic> topics = new ArrayList<>(required.orderedStream().toList());
        declared.orderedStream().map(OwnTopic::new).forEach(topics::add);
        // KafkaAdmin would create the declared topics once, at start-up, and never again if the broker
        // was away then; the guard does it instead, until it has worked.
        kafkaAdmin.setAutoCreate(false);
        return new RequiredTopicsGuard(topics, kafkaAdmin.getConfigurationProperties(), properties.retryEvery());
    }
}
