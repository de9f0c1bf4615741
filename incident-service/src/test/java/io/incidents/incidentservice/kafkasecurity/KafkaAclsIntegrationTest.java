package io.incidents.incidentservice.kafkasecurity;

import io.incidents.testsupport.SecuredKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.ALERT_PRODUCER;
import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.INCIDENT_SERVICE;
import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.NOTIFICATION_SERVICE;
import static io.incidents.incidentservice.kafkasecurity.DeployedKafka.TIMELINE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ACLs of docs/deploy-kafka.md on a SASL_SSL / SCRAM-SHA-512 broker that refuses whatever no
 * ACL allows (H2): only incident-service writes {@code incident-events}, a consumer reads it only
 * in its own group, and only a named producer writes {@code alerts}.
 */
class KafkaAclsIntegrationTest {

    private static final String INCIDENT_EVENTS = "incident-events";
    private static final String ALERTS = "alerts";

    private final SecuredKafka kafka = DeployedKafka.get();

    @Test
    void incidentServiceCreatesAndWritesIncidentEventsAndTimelineServiceReadsItInItsOwnGroup() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig(INCIDENT_SERVICE))) {
            createUnlessPresent(admin, new NewTopic(INCIDENT_EVENTS, 6, (short) 1));
        }
        String key = "acl-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(INCIDENT_SERVICE)) {
            producer.send(new ProducerRecord<>(INCIDENT_EVENTS, key, "{}")).get(20, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> consumer = consumer(TIMELINE_SERVICE, "timeline-service")) {
            consumer.subscribe(List.of(INCIDENT_EVENTS));
            assertThat(pollFor(consumer, key)).isTrue();
        }
    }

    @Test
    void timelineServiceMayNeitherWriteNorCreateIncidentEvents() {
        try (KafkaProducer<String, String> producer = producer(TIMELINE_SERVICE)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(INCIDENT_EVENTS, "forged", "{}")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (Admin admin = Admin.create(kafka.clientConfig(TIMELINE_SERVICE))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(INCIDENT_EVENTS, 6, (short) 1))).all()
                    .get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void timelineServiceCannotReadIncidentEventsInAnotherGroup() {
        try (KafkaConsumer<String, String> consumer = consumer(TIMELINE_SERVICE, "notification-service")) {
            consumer.subscribe(List.of(INCIDENT_EVENTS));
            assertThatThrownBy(() -> pollFor(consumer, "never")).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aNamedAlertProducerWritesAlertsAndAServiceWithoutThatAclDoesNot() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig(INCIDENT_SERVICE))) {
            createUnlessPresent(admin, new NewTopic(ALERTS, 3, (short) 1));
        }
        try (KafkaProducer<String, String> producer = producer(ALERT_PRODUCER)) {
            producer.send(new ProducerRecord<>(ALERTS, "acl-test", "{broken")).get(20, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer(NOTIFICATION_SERVICE)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(ALERTS, "acl-test", "{}")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(INCIDENT_SERVICE));
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"incident-service\" password=\"guessed\";");
        try (KafkaProducer<String, String> producer = producer(config)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(INCIDENT_EVENTS, "forged", "{}")).get(20, TimeUnit.SECONDS))
                    .isInstanceOfAny(SaslAuthenticationException.class, ExecutionException.class)
                    .satisfies(e -> assertThat(e instanceof SaslAuthenticationException || e.getCause() instanceof SaslAuthenticationException)
                            .as("refused at authentication: %s", e).isTrue());
        }
    }

    private static void createUnlessPresent(Admin admin, NewTopic topic) throws Exception {
        try {
            admin.createTopics(List.of(topic)).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Created already (the service's own test may have started first): Create was allowed all the same.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KafkaProducer<String, String> producer(String user) {
        return producer(kafka.clientConfig(user));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        // As the services' producers: acks=all, idempotent (which needs no cluster ACL since Kafka 3.0).
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(user));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never commits: the group's offsets stay as the other tests expect them.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static boolean pollFor(KafkaConsumer<String, String> consumer, String key) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (key.equals(record.key())) {
                    return true;
                }
            }
        }
        return false;
    }
}
