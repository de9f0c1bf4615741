package io.incidents.notificationservice.outbox;

import com.zaxxer.hikari.HikariDataSource;
import io.incidents.events.CloudEventHeaders;
import io.incidents.events.EventJson;
import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.NotificationEvent;
import io.incidents.events.notification.StatusPostKind;
import io.incidents.events.notification.StatusPosted;
import io.incidents.testsupport.MutableClock;
import io.incidents.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox and its publisher against real PostgreSQL, with a stand-in for the producer that the
 * test takes down, or has acknowledge records while the publisher "crashes" before stamping them.
 */
class NotificationEventsPublisherTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String TOPIC = "notification-events";

    private final HikariDataSource dataSource = new HikariDataSource();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MutableClock clock = new MutableClock(T0);
    private final List<Object> wakeUps = new CopyOnWriteArrayList<>();
    private final NotificationEventsOutbox outbox;
    private final Broker broker = new Broker();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    NotificationEventsPublisherTest() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        dataSource.setJdbcUrl(infrastructure.newDatabase("notification_outbox"));
        dataSource.setUsername(infrastructure.user());
        dataSource.setPassword(infrastructure.password());
        dataSource.setMaximumPoolSize(6);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outbox = new NotificationEventsOutbox(jdbc, clock, wakeUps::add);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** What the producer would do: take records (each acknowledged at once) unless it is down. */
    private static final class Broker implements NotificationEventsPublisher.RecordSender {

        final List<ProducerRecord<String, String>> taken = new CopyOnWriteArrayList<>();
        volatile boolean down;
        /** Refuses the record at this position of what it is handed (0-based), once; -1 for none. */
        final AtomicInteger refuseAt = new AtomicInteger(-1);
        private final AtomicInteger handed = new AtomicInteger();

        @Override
        public CompletableFuture<?> send(ProducerRecord<String, String> record) {
            if (down) {
                // as the producer does when it cannot reach the broker for max.block.ms
                throw new TimeoutException("Topic notification-events not present in metadata after 10000 ms.");
            }
            if (handed.getAndIncrement() == refuseAt.get()) {
                refuseAt.set(-1);
                return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): 30000 ms has passed"));
            }
            taken.add(record);
            return CompletableFuture.completedFuture(null);
        }

        List<String> ids() {
            return taken.stream().map(r -> header(r, CloudEventHeaders.ID)).toList();
        }
    }

    private NotificationEventsPublisher publisher(NotificationEventsOutbox rows, NotificationEventsPublisher.RecordSender sender,
                                                  int batchSize) {
        return new NotificationEventsPublisher(rows, sender, transactions, new NotificationEventsProperties(TOPIC, 6,
                batchSize, Duration.ofSeconds(1), Duration.ofSeconds(40), Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofDays(7), Duration.ofMillis(200)), clock, meters);
    }

    private UUID append(NotificationEvent event) {
        return transactions.execute(status -> outbox.append(event));
    }

    private static MessageDelivered delivered(String incidentId, long deliveryId) {
        return new MessageDelivered(incidentId, "event-" + deliveryId, deliveryId, MessageChannel.CHAT, "on-call",
                "chat-initial", 1, T0.plusSeconds(deliveryId));
    }

    private long unpublished() {
        return jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE published_at IS NULL", Long.class);
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsAppendedOnlyInsideTheTransactionThatRecordsWhatItReports() {
        assertThatIllegalStateException().isThrownBy(() -> outbox.append(delivered("incident-1", 1)));

        transactions.executeWithoutResult(status -> {
            outbox.append(delivered("incident-1", 2));
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox", Long.class))
                .as("rolled back with what it reported").isZero();
    }

    @Test
    void eachRowGoesOutAsACloudEventKeyedByItsIncident() {
        StatusPosted posted = new StatusPosted("incident-7", "event-9", StatusPostKind.IDENTIFIED, "Sign-in problems",
                List.of("Login page"), "We found the cause.", T0.plusSeconds(60).plusNanos(123_456_789));
        UUID id = append(posted);
        assertThat(wakeUps).as("the publisher is woken once this commits").hasSize(1);

        assertThat(publisher(outbox, broker, 100).publishPending()).isEqualTo(1);

        ProducerRecord<String, String> record = broker.taken.get(0);
        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo("incident-7");
        assertThat(record.partition()).as("the key chooses it: an incident's events stay in order").isNull();
        assertThat(EventJson.read(record.value(), StatusPosted.class)).isEqualTo(posted);
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(id.toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("notification.StatusPosted.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/notification-service");
        assertThat(header(record, CloudEventHeaders.TIME)).as("the event's own time, to the nanosecond")
                .isEqualTo("2026-11-20T09:01:00.123456789Z");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo("incident-7");
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(unpublished()).isZero();
    }

    @Test
    void eventsAppendedWhileTheBrokerIsAwayArePublishedOnceItIsBackInOrderOnceEach() {
        NotificationEventsPublisher publisher = publisher(outbox, broker, 2);
        broker.down = true;
        List<UUID> appended = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            appended.add(append(delivered(i % 2 == 0 ? "incident-a" : "incident-b", i)));
        }

        assertThatThrownBy(publisher::publishPending).isInstanceOf(NotificationEventsPublisher.PublishFailedException.class);
        assertThatThrownBy(publisher::publishPending).isInstanceOf(NotificationEventsPublisher.PublishFailedException.class);
        assertThat(unpublished()).isEqualTo(5);
        assertThat(outbox.backlog()).isEqualTo(new NotificationEventsOutbox.Backlog(5, T0));

        broker.down = false;
        assertThat(publisher.publishPending()).isEqualTo(5);
        assertThat(publisher.publishPending()).isZero();

        assertThat(broker.ids()).containsExactlyElementsOf(appended.stream().map(UUID::toString).toList());
        assertThat(outbox.backlog()).isEqualTo(new NotificationEventsOutbox.Backlog(0, null));
    }

    @Test
    void aRecordTheBrokerRefusesIsSentAgainWithWhatFollowsItButNotWhatPrecedesIt() {
        NotificationEventsPublisher publisher = publisher(outbox, broker, 100);
        List<String> appended = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            appended.add(append(delivered("incident-a", i)).toString());
        }
        broker.refuseAt.set(1);

        assertThatThrownBy(publisher::publishPending).isInstanceOf(NotificationEventsPublisher.PublishFailedException.class);
        assertThat(unpublished()).as("the second, and the two behind it").isEqualTo(3);
        assertThat(publisher.publishPending()).isEqualTo(3);

        // the first once; the others, taken after the refused one, again behind it (consumers drop the copies by ce_id)
        assertThat(broker.ids()).containsExactly(appended.get(0), appended.get(2), appended.get(3),
                appended.get(1), appended.get(2), appended.get(3));
        assertThat(unpublished()).isZero();
    }

    @Test
    void aResendAfterACrashBetweenTheAcknowledgementAndTheStampCarriesTheSameCeId() {
        UUID first = append(delivered("incident-a", 1));
        UUID second = append(delivered("incident-a", 2));
        AtomicBoolean crash = new AtomicBoolean(true);
        // the instance dies after the broker acknowledged the batch, before the stamp commits
        NotificationEventsOutbox crashing = new NotificationEventsOutbox(jdbc, clock, wakeUps::add) {
            @Override
            void markPublished(List<OutboxRow> rows, Instant at) {
                super.markPublished(rows, at);
                if (crash.getAndSet(false)) {
                    throw new IllegalStateException("killed");
                }
            }
        };

        assertThatThrownBy(publisher(crashing, broker, 100)::publishPending).hasMessage("killed");
        assertThat(unpublished()).as("the stamp rolled back").isEqualTo(2);
        assertThat(publisher(outbox, broker, 100).publishPending()).isEqualTo(2);

        assertThat(broker.ids()).containsExactly(first.toString(), second.toString(), first.toString(), second.toString());
        assertThat(broker.taken.get(2).value()).isEqualTo(broker.taken.get(0).value());
        assertThat(unpublished()).isZero();
    }

    @Test
    void onlyOneInstancePublishesAtATime() throws Exception {
        UUID first = append(delivered("incident-a", 1));
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch acknowledge = new CountDownLatch(1);
        Broker slowBroker = new Broker();
        // instance A's batch waits for the broker's acknowledgement while holding the publisher's lock
        NotificationEventsPublisher.RecordSender slow = record -> {
            sending.countDown();
            return CompletableFuture.runAsync(() -> {
                try {
                    acknowledge.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).thenRun(() -> slowBroker.send(record));
        };
        CompletableFuture<Integer> instanceA = CompletableFuture.supplyAsync(() -> publisher(outbox, slow, 100).publishPending());
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
        UUID second = append(delivered("incident-a", 2));

        NotificationEventsPublisher instanceB = publisher(outbox, broker, 100);
        assertThat(instanceB.publishPending()).as("A holds the lock: B sends nothing, not even the newer row").isZero();
        assertThat(broker.taken).isEmpty();

        acknowledge.countDown();
        assertThat(instanceA.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(instanceB.publishPending()).isEqualTo(1);
        assertThat(slowBroker.ids()).containsExactly(first.toString());
        assertThat(broker.ids()).containsExactly(second.toString());
    }

    @Test
    void aRunningPublisherSendsWhatACommitAppendedShowsTheBacklogAndStopsCleanlyMidBatch() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        // the first record is never acknowledged: the broker went away mid-batch
        NotificationEventsPublisher.RecordSender hanging = record -> {
            if (sending.getCount() > 0) {
                sending.countDown();
                return new CompletableFuture<>();
            }
            return broker.send(record);
        };
        NotificationEventsPublisher publisher = publisher(outbox, hanging, 100);
        publisher.start();
        UUID first = append(delivered("incident-a", 1));
        publisher.appended(NotificationEventsAppended.INSTANCE); // what the commit triggers
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();

        publisher.stop();

        assertThat(publisher.isRunning()).isFalse();
        assertThat(unpublished()).as("not acknowledged: it waits for the next start").isEqualTo(1);
        assertThat(publisher.latest().backlog()).isEqualTo(new NotificationEventsOutbox.Backlog(1, T0));
        assertThat(meters.get("notifications.outbox.pending").gauge().value()).isEqualTo(1);
        publisher.poll();
        assertThat(broker.taken).as("a stopped publisher sends nothing").isEmpty();

        NotificationEventsPublisher restarted = publisher(outbox, broker, 100);
        restarted.start();
        restarted.poll();
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);
        restarted.stop();
        assertThat(broker.ids()).containsExactly(first.toString());
    }

    @Test
    void publishedRowsAreKeptForAWhileThenForgotten() {
        append(delivered("incident-a", 1));
        NotificationEventsPublisher publisher = publisher(outbox, broker, 100);
        publisher.publishPending();
        append(delivered("incident-a", 2));

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        publisher.forgetPublished();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox", Long.class))
                .as("the unpublished one stays, whatever its age").isEqualTo(1);
        assertThat(unpublished()).isEqualTo(1);
    }
}
