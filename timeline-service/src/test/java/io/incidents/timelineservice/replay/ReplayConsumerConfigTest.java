package io.incidents.timelineservice.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import io.incidents.support.database.DatabaseOwner;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay's own consumer (no group) must reach a secured broker with nothing but the
 * service's Kafka properties set: it starts from the settings of the consumers the listeners use.
 */
class ReplayConsumerConfigTest {

    private final ApplicationContextRunner kafka = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, KafkaAutoConfiguration.class))
            .withPropertyValues(
                    "spring.kafka.bootstrap-servers=broker.example:9093",
                    "spring.kafka.consumer.group-id=timeline-service",
                    "spring.kafka.security.protocol=SASL_SSL",
                    "spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12",
                    "spring.kafka.ssl.trust-store-type=PKCS12",
                    "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                            + " required username=\"timeline-service\" password=\"secret\";");

    @Test
    void theReplayConsumerCarriesTheServicesSecuritySettingsButNoGroup() {
        kafka.run(context -> {
            Map<String, Object> config = replayWith(context.getBean(ConsumerFactory.class)).consumerConfig();

            assertThat(config)
                    .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("broker.example:9093"))
                    .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/kafka/truststore.p12")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12")
                    .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                    .containsKey(SaslConfigs.SASL_JAAS_CONFIG)
                    .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                    .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        });
    }

    /** Boot's SSL bundles reach the listeners' consumers only through the factory, not KafkaProperties alone. */
    @Test
    void theReplayConsumerUsesTheSslBundleTheListenersUse(@TempDir Path dir) throws Exception {
        Path truststore = dir.resolve("truststore.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (var out = Files.newOutputStream(truststore)) {
            empty.store(out, "changeit".toCharArray());
        }
        kafka.withPropertyValues(
                        "spring.ssl.bundle.jks.kafka.truststore.location=file:" + truststore,
                        "spring.ssl.bundle.jks.kafka.truststore.password=changeit",
                        "spring.ssl.bundle.jks.kafka.truststore.type=PKCS12",
                        "spring.kafka.ssl.trust-store-location=",
                        "spring.kafka.ssl.trust-store-type=",
                        "spring.kafka.ssl.bundle=kafka")
                .run(context -> {
                    ConsumerFactory<?, ?> listeners = context.getBean(ConsumerFactory.class);
                    Map<String, Object> config = replayWith(listeners).consumerConfig();

                    assertThat(config.get(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG)).isNotNull()
                            .isEqualTo(listeners.getConfigurationProperties().get(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG));
                    assertThat(config).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
                });
    }

    private static ReplayService replayWith(ConsumerFactory<?, ?> consumerFactory) {
        // One role (a mock owner that is not separate): only the Kafka settings matter here.
        return new ReplayService(null, null, Mockito.mock(DatabaseOwner.class), consumerFactory, null, null, null, null, null, null,
                new SimpleMeterRegistry());
    }
}
