package io.incidents.support.security.apitokens;

import io.incidents.support.security.ApiTokens;
import io.incidents.support.security.SecurityConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * API tokens issued at run time, in every service: {@link TokenFeed} follows the tokens topic
 * into {@link ApiTokens}, {@link TokenUsageReporter} reports their use. Both take the service's
 * own Kafka settings (servers, security) from its consumer and producer factories, and add what
 * differs: no consumer group, String records, a short wait for metadata.
 */
@AutoConfiguration(after = {SecurityConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass(KafkaConsumer.class)
@ConditionalOnBean({ApiTokens.class, ConsumerFactory.class, ProducerFactory.class})
@EnableConfigurationProperties(ApiTokenTopics.class)
public class ApiTokenDistributionConfiguration {

    @Bean
    TokenFeed apiTokenFeed(ApiTokens apiTokens, ApiTokenTopics topics, ConsumerFactory<?, ?> consumerFactory) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        // Every instance reads every record: no group, no committed offsets.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only incident-service creates the topic, compacted; an auto-created one would lose tokens.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new TokenFeed(topics.apiTokensTopic(),
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer()),
                new TokenRecords(apiTokens));
    }

    @Bean
    TokenUsageReporter apiTokenUsageReporter(ApiTokens apiTokens, ApiTokenTopics topics, ProducerFactory<?, ?> producerFactory,
                                             Environment environment) {
        Map<String, Object> config = new HashMap<>(producerFactory.getConfigurationProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.remove(ProducerConfig.CLIENT_ID_CONFIG);
        // A report waits for the next round rather than hold up shutdown while Kafka is away.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        return new TokenUsageReporter(apiTokens::drainUses,
                () -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()),
                topics.apiTokenUsageTopic(), environment.getProperty("spring.application.name", "unknown"),
                topics.apiTokenUsageInterval());
    }
}
