package io.incidents.incidentservice.apitoken;

import io.incidents.incidentservice.relay.RelayProperties;
import io.incidents.support.security.apitokens.ApiTokenTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The two token topics, created here (incident-service owns issued tokens; other services only
 * read the one and write the other), with the relay's replication factor.
 */
@Configuration(proxyBeanMethods = false)
class ApiTokenConfiguration {

    /**
     * One partition keeps every token's changes in order for every reader; compaction keeps
     * each token's latest state, so a service starting in a year still reads every revocation.
     */
    @Bean
    NewTopic apiTokensTopic(ApiTokenTopics topics, RelayProperties relay) {
        return TopicBuilder.name(topics.apiTokensTopic())
                .partitions(1)
                .replicas(relay.replicas())
                .compact()
                .build();
    }

    @Bean
    NewTopic apiTokenUsageTopic(ApiTokenTopics topics, ApiTokenProperties properties, RelayProperties relay) {
        return TopicBuilder.name(topics.apiTokenUsageTopic())
                .partitions(1)
                .replicas(relay.replicas())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.usageRetention().toMillis()))
                .build();
    }

    /**
     * Its own container and consumer group, not the alert listener's factory: that one parks
     * failed records on the alerts dead-letter topic. A use that cannot be stored after a few
     * tries is logged and dropped; the next report brings a newer one.
     */
    @Bean
    ConcurrentMessageListenerContainer<String, String> tokenUsageContainer(ConsumerFactory<String, String> consumerFactory,
                                                                           ApiTokenTopics topics, ApiTokenProperties properties,
                                                                           TokenUsageListener listener) {
        ContainerProperties container = new ContainerProperties(topics.apiTokenUsageTopic());
        container.setGroupId(properties.usageGroupId());
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener(listener);
        ConcurrentMessageListenerContainer<String, String> usage = new ConcurrentMessageListenerContainer<>(consumerFactory, container);
        usage.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, 3)));
        return usage;
    }
}
