package io.incidents.notificationservice.delivery;

import io.incidents.events.notification.MessageChannel;
import io.incidents.events.notification.MessageDelivered;
import io.incidents.events.notification.MessageFailed;
import io.incidents.events.notification.MessageParked;
import io.incidents.events.notification.MessageRequeued;
import io.incidents.notificationservice.routing.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log's claims, marks, re-drives, backlog and what they publish, against real PostgreSQL. */
class DeliveryLogDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String CHAT_A = "https://hooks.example.com/services/a";
    private static final String CHAT_B = "https://hooks.example.com/services/b";

    private final DeliveryDatabase db = new DeliveryDatabase();
    private final DeliveryLog log = db.log;

    @AfterEach
    void close() {
        db.close();
    }

    private Delivery claimOnly(long id, Instant now) {
        List<Delivery> claimed = log.claimDue(now, 100, LEASE, Set.of());
        assertThat(claimed).extracting(Delivery::id).contains(id);
        claimed.stream().filter(d -> d.id() != id).forEach(d -> log.release(d, now));
        return claimed.stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }

    private long parked(Channel channel, String recipient, Instant now) {
        long id = db.enqueue(channel, recipient, now);
        assertThat(log.markDead(claimOnly(id, now), "503", false, now, now)).isTrue();
        return id;
    }

    @Test
    void claimsComeInTheOrderTheyFellDueSkipBusyDestinationsAndGoBackInTheirPlace() {
        long late = db.enqueue(Channel.CHAT, CHAT_A, T0.plusSeconds(5));
        long early = db.enqueue(Channel.CHAT, CHAT_A, T0);
        long other = db.enqueue(Channel.CHAT, CHAT_B, T0.plusSeconds(1));
        Instant now = T0.plusSeconds(10);

        List<Delivery> claimed = log.claimDue(now, 10, LEASE, Set.of());
        assertThat(claimed).extracting(Delivery::id).containsExactly(early, other, late);
        assertThat(claimed).extracting(Delivery::nextAttemptAt).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(5));
        assertThat(db.row(early).nextAttemptAt()).as("the row holds the lease's end").isEqualTo(now.plus(LEASE));
        claimed.forEach(d -> assertThat(log.release(d, d.nextAttemptAt())).isTrue());

        String busyA = Channel.CHAT.name() + " " + CHAT_A;
        assertThat(claimed.get(0).destination()).isEqualTo(busyA);
        List<Delivery> notToA = log.claimDue(now, 10, LEASE, Set.of(busyA));
        assertThat(notToA).extracting(Delivery::id).containsExactly(other);

        assertThat(log.claimNextFor(notToA.get(0), now, LEASE)).as("nothing more due to B").isEmpty();
        Delivery sentToA = claimed.get(0);
        assertThat(log.claimNextFor(sentToA, now, LEASE)).map(Delivery::id).contains(early);
        assertThat(log.claimNextFor(sentToA, now, LEASE)).map(Delivery::id).contains(late);
        assertThat(log.claimNextFor(sentToA, now, LEASE)).as("all claimed").isEmpty();
    }

    @Test
    void aWorkerWhoseLeaseRanOutAndWasReclaimedCannotMarkTheDelivery() {
        long id = db.enqueue(Channel.CHAT, CHAT_A, T0);
        Delivery stale = claimOnly(id, T0);
        assertThat(log.claimDue(T0.plus(LEASE).minusSeconds(1), 10, LEASE, Set.of())).as("still leased").isEmpty();

        Instant takeover = T0.plus(LEASE).plusSeconds(1);
        Delivery current = claimOnly(id, takeover);

        assertThat(current.claimId()).isNotNull().isNotEqualTo(stale.claimId());
        assertThat(log.markSent(stale, takeover)).isFalse();
        assertThat(log.markFailed(stale, "503", false, takeover, takeover, takeover.plusSeconds(2))).isFalse();
        assertThat(log.markDead(stale, "503", false, takeover, takeover)).isFalse();
        assertThat(log.release(stale, takeover)).isFalse();
        Delivery untouched = db.row(id);
        assertThat(untouched.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(untouched.attempts()).isZero();
        assertThat(untouched.lastError()).isNull();
        assertThat(untouched.claimId()).isEqualTo(current.claimId());
        assertThat(untouched.nextAttemptAt()).isEqualTo(takeover.plus(LEASE));
        assertThat(db.published()).as("a lost claim publishes nothing").isEmpty();

        assertThat(log.markSent(current, takeover.plusSeconds(1))).isTrue();
        assertThat(db.row(id).status()).isEqualTo(Delivery.Status.SENT);
        assertThat(db.row(id).claimId()).isNull();
        assertThat(log.markSent(current, takeover.plusSeconds(2))).as("a claim marks once").isFalse();
        assertThat(db.published()).hasSize(1).allSatisfy(event -> assertThat(event).isInstanceOf(MessageDelivered.class));
    }

    @Test
    void aMessageSentIsPublishedOnceNamedAsTheDeliveryLogNamesItsRecipient() {
        long toContact = db.enqueue(Channel.CHAT, DeliveryDatabase.ON_CALL_CHAT, T0);
        long toWebhook = db.enqueue(Channel.WEBHOOK, "bridge", T0);
        long toAddress = db.enqueue(Channel.EMAIL, "alice@example.com", T0);
        long toUrl = db.enqueue(Channel.CHAT, CHAT_A, T0);
        for (long id : List.of(toContact, toWebhook, toAddress, toUrl)) {
            assertThat(log.markSent(claimOnly(id, T0), T0.plusSeconds(id))).isTrue();
        }

        assertThat(db.published()).containsExactly(
                new MessageDelivered("incident-1", db.row(toContact).eventId(), toContact, MessageChannel.CHAT, "on-call",
                        "chat-initial", 1, T0.plusSeconds(toContact)),
                new MessageDelivered("incident-1", db.row(toWebhook).eventId(), toWebhook, MessageChannel.WEBHOOK, "bridge",
                        "chat-initial", 1, T0.plusSeconds(toWebhook)),
                new MessageDelivered("incident-1", db.row(toAddress).eventId(), toAddress, MessageChannel.EMAIL,
                        "a…@example.com", "chat-initial", 1, T0.plusSeconds(toAddress)),
                new MessageDelivered("incident-1", db.row(toUrl).eventId(), toUrl, MessageChannel.CHAT,
                        "https://hooks.example.com/…", "chat-initial", 1, T0.plusSeconds(toUrl)));
    }

    @Test
    void aRunOfFailuresIsPublishedOnceThenItsParkingThenAnOperatorsRetry() {
        long id = db.enqueue(Channel.CHAT, DeliveryDatabase.ON_CALL_CHAT, T0);
        String error = "HttpServerErrorException: 503 from " + DeliveryDatabase.ON_CALL_CHAT;
        String eventId = db.row(id).eventId();

        assertThat(log.markFailed(claimOnly(id, T0), error, false, T0, T0, T0.plusSeconds(2))).isTrue();
        assertThat(log.markFailed(claimOnly(id, T0.plusSeconds(2)), error, true, T0.plusSeconds(3), T0,
                T0.plusSeconds(40))).isTrue();
        assertThat(log.markDead(claimOnly(id, T0.plusSeconds(40)), error, false, T0.plusSeconds(41), T0)).isTrue();
        // a probe of the parked message that fails again is parked again, and that is no news
        assertThat(log.probeParked(T0.plus(Duration.ofMinutes(10)))).isEqualTo(1);
        assertThat(log.markDead(claimOnly(id, T0.plus(Duration.ofMinutes(10))), error, false,
                T0.plus(Duration.ofMinutes(10)), T0)).isTrue();
        assertThat(log.retry(id, T0.plus(Duration.ofMinutes(20)))).isTrue();
        // a new run of failures after the retry is news again
        assertThat(log.markFailed(claimOnly(id, T0.plus(Duration.ofMinutes(20))), error, false,
                T0.plus(Duration.ofMinutes(21)), T0.plus(Duration.ofMinutes(21)), T0.plus(Duration.ofMinutes(22)))).isTrue();

        String redacted = "HttpServerErrorException: 503 from https://hooks.example.com/…";
        assertThat(db.published()).containsExactly(
                new MessageFailed("incident-1", eventId, id, MessageChannel.CHAT, "on-call", "chat-initial", 1, redacted,
                        false, T0.plusSeconds(2), T0),
                new MessageParked("incident-1", eventId, id, MessageChannel.CHAT, "on-call", "chat-initial", 3, redacted,
                        T0.plusSeconds(41)),
                new MessageRequeued("incident-1", eventId, id, MessageChannel.CHAT, "on-call", "chat-initial",
                        MessageRequeued.Reason.OPERATOR_RETRY, T0.plus(Duration.ofMinutes(20))),
                new MessageFailed("incident-1", eventId, id, MessageChannel.CHAT, "on-call", "chat-initial", 5, redacted,
                        false, T0.plus(Duration.ofMinutes(22)), T0.plus(Duration.ofMinutes(21))));
        assertThat(log.retry(id, T0.plus(Duration.ofMinutes(30)))).as("not parked").isFalse();
        assertThat(db.published()).hasSize(4);
    }

    @Test
    void aDestinationThatWorksAgainPublishesARequeueForEachParkedMessageButNotForTheWaitingOnes() {
        long first = parked(Channel.CHAT, CHAT_A, T0);
        long second = parked(Channel.CHAT, CHAT_A, T0);
        long failing = db.enqueue(Channel.CHAT, CHAT_A, T0);
        log.markFailed(claimOnly(failing, T0), "503", false, T0, T0, T0.plus(Duration.ofMinutes(5)));
        parked(Channel.CHAT, CHAT_B, T0);
        int before = db.published().size();
        Instant now = T0.plusSeconds(10);

        assertThat(log.redrive(Channel.CHAT, CHAT_A, now)).isEqualTo(new DeliveryLog.Redriven(2, 1));

        assertThat(db.published().subList(before, db.published().size())).containsExactly(
                new MessageRequeued("incident-1", db.row(first).eventId(), first, MessageChannel.CHAT,
                        "https://hooks.example.com/…", "chat-initial", MessageRequeued.Reason.DESTINATION_RECOVERED, now),
                new MessageRequeued("incident-1", db.row(second).eventId(), second, MessageChannel.CHAT,
                        "https://hooks.example.com/…", "chat-initial", MessageRequeued.Reason.DESTINATION_RECOVERED, now));
    }

    @Test
    void aStatusPagePostIsNoMessage() {
        assertThat(log.recordDelivered("event-1", "incident-1", Channel.STATUS_PAGE, "public", "status-identified",
                "subject", "We found the cause.", T0)).isTrue();

        assertThat(db.published()).isEmpty();
    }

    @Test
    void aFailureIsRecordedWithItsRetryWindowAndReleasesTheClaim() {
        long id = db.enqueue(Channel.WEBHOOK, "bridge", T0);
        Delivery claimed = claimOnly(id, T0);

        assertThat(log.markFailed(claimed, "Outcome unknown: timed out", true, T0.plusSeconds(30), T0.plusSeconds(30),
                T0.plusSeconds(60))).isTrue();

        Delivery failed = db.row(id);
        assertThat(failed.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.failingSince()).isEqualTo(T0.plusSeconds(30));
        assertThat(failed.lastAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(failed.outcomeUnknown()).isTrue();
        assertThat(failed.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(failed.claimId()).isNull();
        assertThat(log.claimDue(T0.plusSeconds(59), 10, LEASE, Set.of())).as("not before its retry").isEmpty();
    }

    @Test
    void aDestinationThatWorksAgainGetsItsParkedAndFailingMessagesBackButNotTheOnesInFlightOrOfUnknownOutcome() {
        long parkedA = parked(Channel.CHAT, CHAT_A, T0);
        long parkedB = parked(Channel.CHAT, CHAT_B, T0);
        long failingA = db.enqueue(Channel.CHAT, CHAT_A, T0);
        log.markFailed(claimOnly(failingA, T0), "503", false, T0, T0, T0.plus(Duration.ofMinutes(5)));
        long unknownA = db.enqueue(Channel.CHAT, CHAT_A, T0);
        log.markFailed(claimOnly(unknownA, T0), "timed out", true, T0, T0, T0.plusSeconds(30));
        long inFlightA = db.enqueue(Channel.CHAT, CHAT_A, T0);
        Delivery inFlight = claimOnly(inFlightA, T0);
        Instant now = T0.plusSeconds(10);

        DeliveryLog.Redriven redriven = log.redrive(Channel.CHAT, CHAT_A, now);

        assertThat(redriven).isEqualTo(new DeliveryLog.Redriven(1, 1));
        assertThat(db.row(parkedA)).satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
            assertThat(d.nextAttemptAt()).isEqualTo(now);
            assertThat(d.failures()).isZero();
            assertThat(d.failingSince()).isNull();
            assertThat(d.parkedAt()).isNull();
            assertThat(d.attempts()).as("attempts keep counting").isEqualTo(1);
        });
        assertThat(db.row(failingA).nextAttemptAt()).isEqualTo(now);
        assertThat(db.row(parkedB).status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(db.row(unknownA).nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(db.row(inFlightA).claimId()).isEqualTo(inFlight.claimId());
    }

    @Test
    void everyEmailSharesOneDestinationTheSmtpRelay() {
        long toOnCall = parked(Channel.EMAIL, "oncall@example.com", T0);
        long toSupport = parked(Channel.EMAIL, "support@example.com", T0);
        long chat = parked(Channel.CHAT, CHAT_A, T0);

        assertThat(log.redrive(Channel.EMAIL, "cto@example.com", T0.plusSeconds(1)).parked()).isEqualTo(2);

        assertThat(db.row(toOnCall).status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(db.row(toSupport).status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(db.row(chat).status()).isEqualTo(Delivery.Status.DEAD);
    }

    @Test
    void aProbeTriesOneParkedMessagePerDestinationAndKeepsItsFailures() {
        long firstA = parked(Channel.CHAT, CHAT_A, T0);
        long secondA = parked(Channel.CHAT, CHAT_A, T0);
        long onlyB = parked(Channel.CHAT, CHAT_B, T0);
        long firstEmail = parked(Channel.EMAIL, "oncall@example.com", T0);
        long secondEmail = parked(Channel.EMAIL, "support@example.com", T0);
        long webhook = parked(Channel.WEBHOOK, "bridge", T0);
        db.enqueue(Channel.WEBHOOK, "bridge", T0); // pending: the webhook's destination is being tried anyway
        Instant now = T0.plus(Duration.ofMinutes(10));

        assertThat(log.probeParked(now)).isEqualTo(3);

        assertThat(List.of(firstA, secondA, onlyB, firstEmail, secondEmail, webhook)).extracting(id -> db.row(id).status())
                .containsExactly(Delivery.Status.PENDING, Delivery.Status.DEAD, Delivery.Status.PENDING,
                        Delivery.Status.PENDING, Delivery.Status.DEAD, Delivery.Status.DEAD);
        Delivery probe = db.row(firstA);
        assertThat(probe.nextAttemptAt()).isEqualTo(now);
        assertThat(probe.failures()).isEqualTo(1);
        assertThat(probe.failingSince()).isEqualTo(T0);
        assertThat(probe.parkedAt()).isEqualTo(T0);
        assertThat(log.probeParked(now)).as("destinations with a probe pending are left alone").isZero();
    }

    @Test
    void anOperatorRetryStartsAFreshRetryWindowAndKeepsCountingAttempts() {
        long id = parked(Channel.WEBHOOK, "bridge", T0);

        assertThat(log.retry(id, T0.plusSeconds(5))).isTrue();
        assertThat(log.retry(id, T0.plusSeconds(5))).as("no longer a dead letter").isFalse();

        Delivery retried = db.row(id);
        assertThat(retried.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(retried.failures()).isZero();
        assertThat(retried.failingSince()).isNull();
        assertThat(retried.attempts()).isEqualTo(1);
    }

    @Test
    void theBacklogCountsPendingOverdueAndParkedMessagesAndTheOldestPending() {
        db.enqueue(Channel.CHAT, CHAT_A, T0);
        db.enqueue(Channel.CHAT, CHAT_A, T0.plus(Duration.ofMinutes(4)));
        parked(Channel.CHAT, CHAT_B, T0.plus(Duration.ofMinutes(1)));
        long sent = db.enqueue(Channel.CHAT, CHAT_B, T0);
        log.markSent(claimOnly(sent, T0), T0);

        DeliveryLog.Backlog backlog = log.backlog(T0.plus(Duration.ofMinutes(6)).minus(Duration.ofMinutes(5)));

        assertThat(backlog).isEqualTo(new DeliveryLog.Backlog(2, 1, 1, T0));
    }
}
