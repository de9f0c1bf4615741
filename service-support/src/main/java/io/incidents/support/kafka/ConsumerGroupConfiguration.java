package io.incidents.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Gives every consumer of the service's consumer factory the group settings of
 * {@link ConsumerGroupProperties}: a crashed instance's partitions move to the others within the
 * session timeout, a stopping one hands them over within one small batch.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(DefaultKafkaConsumerFactory.class)
@EnableConfigurationProperties(ConsumerGroupProperties.class)
public class ConsumerGroupConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer consumerGroupSettings(ConsumerGroupProperties properties) {
        return factory -> factory.updateConfigs(properties.consumerConfigs());
    }
}
