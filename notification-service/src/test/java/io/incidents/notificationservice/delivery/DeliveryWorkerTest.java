package io.incidents.notificationservice.delivery;

import io.incidents.notificationservice.routing.Channel;
import io.incidents.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.client.HttpServerErrorException;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker against real PostgreSQL with a fake channel and a clock the test moves: outages of
 * an hour and of more than a day pass in seconds, and a takeover or a stop happens exactly when
 * the test wants it.
 */
class DeliveryWorkerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final DeliveryDatabase db = new DeliveryDatabase();
    private final MutableClock clock = new MutableClock(T0);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final FakeWebhooks webhooks = new FakeWebhooks();
    private DeliveryWorker worker;

    /** A webhook channel whose destinations are down while the test says so, and which counts what it took. */
    private static final class FakeWebhooks implements ChannelSender {

        volatile boolean down;
        volatile Sending sending = delivery -> { };
        final Map<Long, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final List<Delivery> acceptedInOrder = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();

        interface Sending {
            void during(Delivery delivery) throws Exception;
        }

        @Override
        public Channel channel() {
            return Channel.WEBHOOK;
        }

        @Override
        public void send(Delivery delivery) throws Exception {
            attempts.incrementAndGet();
            sending.during(delivery);
            if (down) {
                throw new HttpServerErrorException(HttpStatus.SERVICE_UNAVAILABLE);
            }
            accepted.computeIfAbsent(delivery.id(), id -> new AtomicInteger()).incrementAndGet();
            acceptedInOrder.add(delivery);
        }

        List<Long> acceptedIdsTo(String recipient) {
            return acceptedInOrder.stream().filter(d -> d.recipient().equals(recipient)).map(Delivery::id).toList();
        }
    }

    private DeliveryWorker startWorker(Duration shutdownGrace) {
        return startWorker(shutdownGrace, db.log);
    }

    private DeliveryWorker startWorker(Duration shutdownGrace, DeliveryLog log) {
        return startWorker(shutdownGrace, log, 4);
    }

    private DeliveryWorker startWorker(Duration shutdownGrace, DeliveryLog log, int threads) {
        DeliveryProperties properties = new DeliveryProperties(Duration.ofSeconds(2), Duration.ofMinutes(5),
                Duration.ofHours(24), threads, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(500), LEASE,
                Duration.ofMinutes(5), Duration.ofSeconds(15), Duration.ofMinutes(10), shutdownGrace, "incidents@localhost");
        worker = new DeliveryWorker(log, List.of(webhooks), properties, clock, meters);
        worker.start();
        return worker;
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
        db.close();
    }

    /** One poll of the worker, waiting for the sends it started. */
    private void tick() {
        worker.sendDue();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(worker::idle);
    }

    private void runUntil(Instant end, Duration step) {
        while (clock.instant().isBefore(end)) {
            tick();
            clock.advance(step);
        }
    }

    private long count(Delivery.Status status) {
        return db.jdbc.queryForObject("SELECT count(*) FROM delivery WHERE status = ?", Long.class, status.name());
    }

    private double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aSendWhoseRecordMeetsADatabaseOutageIsRecordedWhenTheDatabaseIsBackAndNeverSentAgain() {
        AtomicInteger refusals = new AtomicInteger(2);
        // the database restarts between the receiver's answer and the record of it
        DeliveryLog restarting = new DeliveryLog(db.jdbc, db.transactions, db.events) {
            @Override
            public boolean markSent(Delivery claimed, Instant now) {
                if (refusals.getAndDecrement() > 0) {
                    throw new CannotGetJdbcConnectionException("restarting", new SQLException("Connection refused", "08001"));
                }
                return super.markSent(claimed, now);
            }
        };
        long id = db.enqueue(Channel.WEBHOOK, "bridge", T0);
        startWorker(Duration.ofSeconds(1), restarting);

        tick();
        clock.advance(LEASE.plusSeconds(1));
        tick();

        assertThat(refusals.get()).isNegative();
        assertThat(db.row(id).status()).isEqualTo(Delivery.Status.SENT);
        assertThat(webhooks.attempts).hasValue(1);
        assertThat(counter("notifications.sent")).isEqualTo(1);
    }

    @Test
    void aWorkerWhoseClaimWasTakenOverMidSendRecordsNothing() {
        long id = db.enqueue(Channel.WEBHOOK, "bridge", T0);
        List<Delivery> takenOver = new ArrayList<>();
        // another instance, whose clock says this worker's lease has run out, claims it while it is being sent
        webhooks.sending = delivery -> takenOver.addAll(db.log.claimDue(T0.plus(LEASE).plusSeconds(1), 10, LEASE, Set.of()));
        startWorker(Duration.ofSeconds(1));

        tick();

        assertThat(webhooks.accepted).containsKey(id);
        assertThat(takenOver).extracting(Delivery::id).containsExactly(id);
        Delivery row = db.row(id);
        assertThat(row.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(row.attempts()).isZero();
        assertThat(row.claimId()).isEqualTo(takenOver.get(0).claimId());
        assertThat(counter("notifications.claims.lost")).isEqualTo(1);
        assertThat(counter("notifications.sent")).isZero();
        assertThat(db.published()).as("nothing published on notification-events").isEmpty();
    }

    @Test
    void afterAnHourLongOutageEveryMessageGoesOutOnceSoonAfterItEnds() {
        startWorker(Duration.ofSeconds(1));
        webhooks.down = true;
        List<Long> ids = new ArrayList<>();
        for (String destination : List.of("a", "b", "c")) {
            for (int i = 0; i < 4; i++) {
                ids.add(db.enqueue(Channel.WEBHOOK, destination, T0));
            }
        }
        runUntil(T0.plus(Duration.ofMinutes(30)), Duration.ofSeconds(10));
        ids.add(db.enqueue(Channel.WEBHOOK, "a", clock.instant()));
        Instant recovery = T0.plus(Duration.ofHours(1));
        runUntil(recovery, Duration.ofSeconds(10));
        assertThat(count(Delivery.Status.DEAD)).isZero();
        assertThat(count(Delivery.Status.SENT)).isZero();
        // retried all along: every message was tried within the last capped backoff (plus a poll or two)
        assertThat(ids).allSatisfy(id -> assertThat(db.row(id).lastAttemptAt()).isAfter(recovery.minus(Duration.ofMinutes(6))));

        webhooks.down = false;
        // within one capped backoff (5 min) the first message to each destination goes through and
        // re-drives the others, which follow it at once in the same run (a poll is 10 s here)
        runUntil(recovery.plus(Duration.ofMinutes(5)).plus(Duration.ofSeconds(20)), Duration.ofSeconds(10));

        assertThat(count(Delivery.Status.SENT)).isEqualTo(ids.size());
        assertThat(webhooks.accepted).containsOnlyKeys(ids).allSatisfy((id, times) -> assertThat(times).hasValue(1));
        assertThat(counter("notifications.dead_lettered")).isZero();
    }

    @Test
    void aDestinationsBacklogDrainsInOrderWithinOnePollOnceItWorks() {
        startWorker(Duration.ofSeconds(1));
        List<Long> toA = new ArrayList<>();
        List<Long> toB = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            toA.add(db.enqueue(Channel.WEBHOOK, "a", T0));
            if (i % 3 == 0) {
                toB.add(db.enqueue(Channel.WEBHOOK, "b", T0));
            }
        }

        tick();

        // not one per destination per poll: each destination's run goes on while messages are due
        assertThat(webhooks.acceptedIdsTo("a")).containsExactlyElementsOf(toA);
        assertThat(webhooks.acceptedIdsTo("b")).containsExactlyElementsOf(toB);
        assertThat(webhooks.accepted).allSatisfy((id, times) -> assertThat(times).hasValue(1));
        assertThat(count(Delivery.Status.SENT)).isEqualTo(toA.size() + toB.size());
        assertThat(webhooks.attempts).hasValue(toA.size() + toB.size());
    }

    @Test
    void messagesJustEnqueuedGoOutWithoutWaitingForAPoll() {
        startWorker(Duration.ofSeconds(1));
        long first = db.enqueue(Channel.WEBHOOK, "a", T0);
        long second = db.enqueue(Channel.WEBHOOK, "b", T0);

        worker.wake(new MessagesEnqueued(2)); // what the intake's commit triggers; no poll runs in this test

        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.accepted.size() == 2);
        assertThat(webhooks.accepted).containsOnlyKeys(first, second);
        await().atMost(Duration.ofSeconds(10)).until(worker::idle);
        assertThat(counter("notifications.delivery.wakeups")).isEqualTo(1);
    }

    @Test
    void aStoppedWorkerIsNotWoken() {
        startWorker(Duration.ofSeconds(1));
        worker.stop();
        db.enqueue(Channel.WEBHOOK, "a", T0);

        worker.wake(new MessagesEnqueued(1));

        assertThat(counter("notifications.delivery.wakeups")).isZero();
        assertThat(count(Delivery.Status.PENDING)).isEqualTo(1);
    }

    @Test
    void aPollLeavesADestinationItsRunHoldsAlone() throws Exception {
        CountDownLatch sendStarted = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        long first = db.enqueue(Channel.WEBHOOK, "slow", T0);
        webhooks.sending = delivery -> {
            if (delivery.id() == first) {
                sendStarted.countDown();
                answer.await();
            }
        };
        // every message a poll or a run claims from the whole log (not from one destination)
        List<Long> claimedFromTheLog = new CopyOnWriteArrayList<>();
        DeliveryLog recording = new DeliveryLog(db.jdbc, db.transactions, db.events) {
            @Override
            public List<Delivery> claimDue(Instant now, int limit, Duration lease, Collection<String> busy) {
                List<Delivery> claimed = super.claimDue(now, limit, lease, busy);
                claimed.forEach(delivery -> claimedFromTheLog.add(delivery.id()));
                return claimed;
            }
        };
        startWorker(Duration.ofSeconds(1), recording);
        worker.sendDue();
        sendStarted.await();
        long second = db.enqueue(Channel.WEBHOOK, "slow", T0);
        long elsewhere = db.enqueue(Channel.WEBHOOK, "quick", T0);

        worker.sendDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.row(elsewhere).status() == Delivery.Status.SENT);

        assertThat(claimedFromTheLog).as("never claimed (and handed back) while its destination's run holds it")
                .contains(first, elsewhere).doesNotContain(second);
        assertThat(db.row(second).attempts()).isZero();
        answer.countDown();
        await().atMost(Duration.ofSeconds(10)).until(worker::idle);
        assertThat(webhooks.acceptedIdsTo("slow")).containsExactly(first, second);
    }

    @Test
    void aLongBacklogToOneDestinationHoldsAThreadForATurnNotUntilItIsGone() {
        List<Long> backlog = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            backlog.add(db.enqueue(Channel.WEBHOOK, "busy", T0));
        }
        long page = db.enqueue(Channel.WEBHOOK, "pager", T0.plusSeconds(1));
        // each message takes the receiver 100 ms, and there is a single sending thread
        webhooks.sending = delivery -> clock.advance(Duration.ofMillis(100));
        startWorker(Duration.ofSeconds(1), db.log, 1);

        tick();

        List<Long> order = webhooks.acceptedInOrder.stream().map(Delivery::id).toList();
        assertThat(order).hasSize(backlog.size() + 1);
        // a turn (1 s) is about ten messages: then the run takes the oldest due message anywhere
        int turn = (int) (DeliveryWorker.TURN.toMillis() / 100);
        assertThat(order.indexOf(page)).isBetween(turn - 1, turn + 1);
        assertThat(webhooks.acceptedIdsTo("busy")).containsExactlyElementsOf(backlog);
    }

    @Test
    void aDestinationDownForMoreThanADayIsParkedThenProbedAndEverythingGoesOutOnceWhenItIsBack() {
        startWorker(Duration.ofSeconds(1));
        webhooks.down = true;
        List<Long> ids = new ArrayList<>();
        for (String destination : List.of("a", "b")) {
            for (int i = 0; i < 3; i++) {
                ids.add(db.enqueue(Channel.WEBHOOK, destination, T0));
            }
        }
        runUntil(T0.plus(Duration.ofHours(24).minusMinutes(2)), Duration.ofMinutes(2));
        assertThat(count(Delivery.Status.DEAD)).as("not before 24 h").isZero();
        runUntil(T0.plus(Duration.ofHours(24).plusMinutes(20)), Duration.ofMinutes(2));
        assertThat(count(Delivery.Status.DEAD)).isEqualTo(ids.size());
        assertThat(counter("notifications.dead_lettered")).isEqualTo(ids.size());

        // still down: a probe fails and is parked again at once, without counting as a new dead letter
        worker.probeParked();
        assertThat(count(Delivery.Status.PENDING)).isEqualTo(2);
        tick();
        assertThat(count(Delivery.Status.DEAD)).isEqualTo(ids.size());
        assertThat(counter("notifications.dead_lettered")).isEqualTo(ids.size());

        webhooks.down = false;
        worker.probeParked();
        runUntil(clock.instant().plus(Duration.ofMinutes(1)), Duration.ofSeconds(5));

        assertThat(count(Delivery.Status.SENT)).isEqualTo(ids.size());
        assertThat(webhooks.accepted).containsOnlyKeys(ids).allSatisfy((id, times) -> assertThat(times).hasValue(1));
        assertThat(counter("notifications.redriven")).isEqualTo(ids.size() - 2);
    }

    @Test
    void stoppingStopsClaimingAndHandsAnInterruptedSendBackAsUnknownNotAfterTheLease() throws Exception {
        long id = db.enqueue(Channel.WEBHOOK, "slow", T0);
        CountDownLatch sendStarted = new CountDownLatch(1);
        webhooks.sending = delivery -> {
            sendStarted.countDown();
            new CountDownLatch(1).await(); // a send that would take longer than the grace period
        };
        startWorker(Duration.ofMillis(100));
        worker.sendDue();
        sendStarted.await();

        worker.stop();

        Delivery row = db.row(id);
        assertThat(row.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(row.outcomeUnknown()).isTrue();
        assertThat(row.claimId()).isNull();
        assertThat(row.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(worker.idle()).isTrue();

        long due = db.enqueue(Channel.WEBHOOK, "other", T0);
        worker.sendDue();
        assertThat(db.row(due).claimId()).as("nothing is claimed once stopped").isNull();
        assertThat(db.row(due).attempts()).isZero();
    }

    @Test
    void aSendDeafToTheInterruptIsHandedBackWhenTheWorkerStopsAndItsLateOutcomeIsNotRecorded() throws Exception {
        long id = db.enqueue(Channel.WEBHOOK, "stuck", T0);
        CountDownLatch sendStarted = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        webhooks.sending = delivery -> {
            sendStarted.countDown();
            boolean answered = false;
            while (!answered) {
                try {
                    answered = answer.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignoredLikeABlockingSocketWould) {
                    // keep waiting
                }
            }
        };
        startWorker(Duration.ofMillis(100));
        worker.sendDue();
        sendStarted.await();

        worker.stop();

        Delivery handedBack = db.row(id);
        assertThat(handedBack.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(handedBack.outcomeUnknown()).isTrue();
        assertThat(handedBack.claimId()).isNull();
        assertThat(handedBack.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));

        answer.countDown();
        await().atMost(Duration.ofSeconds(10)).until(worker::idle);
        assertThat(counter("notifications.claims.lost")).isEqualTo(1);
        assertThat(db.row(id).status()).isEqualTo(Delivery.Status.PENDING);
        worker = null;
    }
}
