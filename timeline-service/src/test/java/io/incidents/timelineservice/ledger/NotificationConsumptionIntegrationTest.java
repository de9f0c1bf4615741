package io.incidents.timelineservice.ledger;

import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.NotificationEventTypes;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.support.database.DatabaseOwner;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestInfrastructure;
import io.incidents.testsupport.TestLogins;
import io.incidents.testsupport.TopicReader;
import io.incidents.timelineservice.Incidents;
import io.incidents.timelineservice.NotificationFeed;
import io.incidents.timelineservice.ReadApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code notification-events} as notification-service publishes it, consumed by the shared context. */
@IntegrationTest
class NotificationConsumptionIntegrationTest {

    private static final NotificationFeed feed = new NotificationFeed();
    private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

    @Autowired
    JdbcTemplate jdbc;
    /** Constraints are the owner's to add: the service's own role may not change a table. */
    @Autowired
    DatabaseOwner owner;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate rest;
    @Value("${incidents.timeline.notifications.group-id}")
    String group;

    @AfterAll
    static void closeFeed() {
        feed.close();
    }

    @Test
    void theTopicIsThereWithNotificationServicesLayoutWhicheverServiceStartedFirst() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(NotificationFeed.TOPIC)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(NotificationFeed.TOPIC);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, NotificationFeed.TOPIC)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();

            assertThat(topic.partitions()).hasSize(6);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as("kept forever").isEqualTo("-1");
        }
    }

    @Test
    void theSameRecordTwiceIsStoredOnce() {
        String id = Incidents.newId();
        ProducerRecord<String, String> posted = NotificationFeed.record(new StatusPosted(id, "cause-1", StatusPostKind.INVESTIGATING,
                "Checkout slow", List.of("Checkout"), "We are looking into it.", T0));
        feed.send(posted);
        feed.send(posted);
        String marker = sendMarker(id);

        awaitStored(marker);
        assertThat(storedFor(id)).as("the post once, and the marker").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_event WHERE event_id = ?", Integer.class,
                NotificationFeed.id(posted))).isEqualTo(1);
    }

    @Test
    void aRecordOfAnUnknownTypeOrAnotherSourceIsSkippedCountedAndConsumptionGoesOn() {
        double typesBefore = skipped("type");
        double sourcesBefore = skipped("source");
        String id = Incidents.newId();
        StatusPosted post = new StatusPosted(id, "cause-1", StatusPostKind.MONITORING, "Checkout slow", List.of(), "Better.", T0);
        feed.send(NotificationFeed.record(post, "future-" + id, "notification.MessageBounced.v1", NotificationEventTypes.SOURCE));
        feed.send(NotificationFeed.record(post, "foreign-" + id, NotificationEventTypes.cloudEventType(StatusPosted.class),
                "some-other-service"));
        String marker = sendMarker(id);

        awaitStored(marker);
        assertThat(storedFor(id)).as("only the marker").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> skipped("type") >= typesBefore + 1 && skipped("source") >= sourcesBefore + 1);
        assertThat(deadLetters()).noneSatisfy(letter -> assertThat(letter).containsEntry("key", id));
    }

    @Test
    void anUnreadableRecordIsParkedOnItsOwnDeadLetterTopicAndConsumptionGoesOn() {
        String broken = Incidents.newId();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", ("poison-" + broken).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "notification.StatusPosted.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/notification-service".getBytes(StandardCharsets.UTF_8));
        feed.send(new ProducerRecord<>(NotificationFeed.TOPIC, null, broken, "{not json", headers));
        String marker = sendMarker(Incidents.newId());

        awaitStored(marker);
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().stream().anyMatch(letter -> broken.equals(letter.get("key"))));
        assertThat(deadLetters()).filteredOn(letter -> broken.equals(letter.get("key"))).singleElement().satisfies(letter -> {
            assertThat(letter).containsEntry("topic", NotificationFeed.TOPIC);
            assertThat((String) letter.get("error")).contains("not a valid notification.StatusPosted.v1");
        });
        // Every test context reads the topic in a group of its own and parks it too: this context's copy, once.
        assertThat(TopicReader.read(NotificationFeed.TOPIC + ".DLT", r -> broken.equals(r.key()) && group.equals(
                header(r, "kafka_dlt-original-consumer-group")), 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(storedFor(broken)).isZero();
    }

    @Test
    void aParkedRecordIsReDrivenThroughTheNotificationListener() {
        // A rule the table breaks for one recipient: every try fails the same way, so it is parked.
        schemaOwner().execute("ALTER TABLE notification_event ADD CONSTRAINT it_no_blocked_recipient"
                + " CHECK (payload NOT LIKE '%Blocked recipient%')");
        String id = Incidents.newId();
        try {
            feed.publish(new MessageDelivered(id, "cause-1", 7, MessageChannel.EMAIL, "Blocked recipient", "support-alert", 1, T0));
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().stream().anyMatch(l -> id.equals(l.get("key"))));
            long letter = ((Number) deadLetters().stream().filter(l -> id.equals(l.get("key"))).findFirst().orElseThrow()
                    .get("id")).longValue();
            schemaOwner().execute("ALTER TABLE notification_event DROP CONSTRAINT it_no_blocked_recipient");

            ResponseEntity<Map> redriven = admin().post("/api/v1/admin/dead-letters/" + letter + "/redrive", null);

            assertThat(redriven.getStatusCode().value()).isEqualTo(200);
            assertThat(storedFor(id)).isEqualTo(1);
        } finally {
            schemaOwner().execute("ALTER TABLE notification_event DROP CONSTRAINT IF EXISTS it_no_blocked_recipient");
        }
    }

    /** A delivery for {@code incidentId} sent after the records under test, on the same partition (same key). */
    private String sendMarker(String incidentId) {
        ProducerRecord<String, String> marker = NotificationFeed.record(new MessageDelivered(incidentId, "cause-0", 1,
                MessageChannel.CHAT, "Platform on-call", "chat-initial", 1, T0.plusSeconds(60)));
        feed.send(marker);
        return NotificationFeed.id(marker);
    }

    private void awaitStored(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_event WHERE event_id = ?", Integer.class, eventId) == 1);
    }

    private int storedFor(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM notification_event WHERE incident_id = ?", Integer.class, incidentId);
    }

    private double skipped(String reason) {
        return meters.get("timeline.notifications.skipped").tag("reason", reason).counter().count();
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private ReadApi admin() {
        return new ReadApi(rest, TestLogins.ADMIN);
    }

    private List<Map<String, Object>> deadLetters() {
        return (List<Map<String, Object>>) admin().get("/api/v1/admin/dead-letters?limit=1000").getBody().get("items");
    }

    private JdbcTemplate schemaOwner() {
        return new JdbcTemplate(owner.dataSource());
    }
}
