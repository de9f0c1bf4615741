package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Set equality at the end of a scenario. What a scenario loses or duplicates stays visible in every
 * later snapshot, so each finding is counted once, in the scenario after which it first showed.
 */
final class Audit {

    /** How long before a kill a message may have reached its receiver and still not be recorded as sent. */
    static final Duration IN_FLIGHT = Duration.ofSeconds(5);

    private final Set<String> reported = new HashSet<>();

    record Result(long operations, long accepted, long stored, long lost, long duplicated, List<String> notes,
                  List<String> broken) {
    }

    Result of(List<Operation> operations, Snapshot snapshot, TimerProbes probes, Scenario.Findings own) {
        return of(operations, snapshot, probes, own, null);
    }

    /** @param sendsCutOffAt when notification-service was killed mid-send, or null ({@link Scenario#sendsCutOffAt()}) */
    Result of(List<Operation> operations, Snapshot snapshot, TimerProbes probes, Scenario.Findings own, Instant sendsCutOffAt) {
        List<String> notes = new ArrayList<>(own.notes());
        long accepted = 0, stored = 0, lost = own.lost(), duplicated = own.duplicated();
        long lostCommands = 0, twice = 0, storedThoughRefused = 0, unknown = 0;
        for (Operation operation : operations) {
            int count = snapshot.store().count(operation.kind(), operation.marker());
            switch (operation.outcome()) {
                case ACCEPTED -> {
                    accepted++;
                    if (count == 0) {
                        lostCommands++;
                        note(notes, "accepted but not stored: " + operation);
                    } else {
                        stored++;
                    }
                }
                case REFUSED -> {
                    if (count > 0) {
                        storedThoughRefused++;
                        note(notes, "refused but stored: " + operation);
                    }
                }
                case EITHER, UNKNOWN -> {
                    if (operation.outcome() == Outcome.UNKNOWN) {
                        unknown++;
                        note(notes, "the client gave up: " + operation);
                    }
                }
            }
            if (count > 1) {
                twice += count - 1;
                note(notes, "stored " + count + " times: " + operation);
            }
        }
        lost += lostCommands;
        duplicated += twice + storedThoughRefused;
        notAccepted(operations).forEach((answer, count) -> notes.add(count + " not accepted: " + answer));

        long timelineMissing = fresh("timeline missing ", Snapshot.missing(snapshot.store().identities(), snapshot.timeline()));
        long timelineExtra = fresh("timeline extra ", Snapshot.missing(snapshot.timeline(), snapshot.store().identities()));
        long notificationsMissing = fresh("notifications missing ", Snapshot.missing(snapshot.store().identities(), snapshot.notifications()));
        long notificationsExtra = fresh("notifications extra ", Snapshot.missing(snapshot.notifications(), snapshot.store().identities()));
        lost += timelineMissing + notificationsMissing;
        duplicated += timelineExtra + notificationsExtra;
        count(notes, "stored events timeline-service does not have", timelineMissing);
        count(notes, "events timeline-service has that the store does not", timelineExtra);
        count(notes, "stored events notification-service does not have", notificationsMissing);
        count(notes, "events notification-service has that the store does not", notificationsExtra);

        long undelivered = 0, unsent = 0, receivedTwice = 0;
        for (Deliveries.Delivery delivery : snapshot.deliveries().all()) {
            String key = delivery.receiptKey();
            if (!delivery.sent()) {
                unsent += fresh("unsent ", Set.of(Long.toString(delivery.id())));
            } else if (key != null && !snapshot.received().containsKey(key)) {
                undelivered += fresh("undelivered ", Set.of(key));
            }
        }
        Set<String> keysTwice = new HashSet<>();
        Set<String> unexpected = new HashSet<>();
        Set<String> resentAfterKill = new HashSet<>();
        Set<String> destinationsResent = new HashSet<>();
        Map<String, String> destinations = destinationsByReceiptKey(snapshot.deliveries());
        for (Map.Entry<String, Integer> receipt : snapshot.received().entrySet()) {
            if (receipt.getValue() > 1) {
                String finding = receipt.getKey() + " x" + receipt.getValue();
                boolean inFlightAtKill = receipt.getValue() == 2 && inFlightAt(sendsCutOffAt, snapshot.firstReceived().get(receipt.getKey()))
                        && destinations.containsKey(receipt.getKey()) && destinationsResent.add(destinations.get(receipt.getKey()));
                (inFlightAtKill ? resentAfterKill : keysTwice).add(finding);
            }
            if (receipt.getKey().contains("-without-id") || receipt.getKey().contains("unreadable") || receipt.getKey().contains("not-json")) {
                unexpected.add(receipt.getKey());
            }
        }
        long resent = fresh("twice ", resentAfterKill);
        receivedTwice = fresh("twice ", keysTwice);
        lost += unsent + undelivered;
        duplicated += receivedTwice;
        count(notes, "messages still unsent", unsent);
        count(notes, "messages marked sent that no receiver got", undelivered);
        count(notes, "messages a receiver got more than once", receivedTwice);
        count(notes, "messages sent again after the kill, having reached their receiver just before it (at-least-once,"
                + " at most one per destination; receivers deduplicate by id)", resent);
        count(notes, "messages without the id SPEC 6 asks for", fresh("unexpected ", unexpected));

        long timersMissing = probes.missing(snapshot.store());
        long timersTwice = probes.duplicated(snapshot.store());
        lost += timersMissing;
        duplicated += timersTwice;
        count(notes, "timer probes (of " + probes.count() + ") that did not escalate", timersMissing);
        count(notes, "timer escalations fired twice", timersTwice);
        count(notes, "operations whose client gave up", unknown);

        snapshot.lag().forEach((group, behind) -> {
            if (behind != 0) {
                notes.add("consumer group " + group + " is " + behind + " records behind");
            }
        });
        return new Result(operations.size(), accepted, stored, lost, duplicated, notes, List.copyOf(own.broken()));
    }

    /** Whether a message first received at {@code firstReceived} may have been in flight when the sender was killed. */
    private static boolean inFlightAt(Instant sendsCutOffAt, Instant firstReceived) {
        return sendsCutOffAt != null && firstReceived != null && !firstReceived.isAfter(sendsCutOffAt)
                && firstReceived.isAfter(sendsCutOffAt.minus(IN_FLIGHT));
    }

    /** Each message's destination (channel and recipient): a worker has at most one send in flight per destination. */
    private static Map<String, String> destinationsByReceiptKey(Deliveries deliveries) {
        Map<String, String> destinations = new HashMap<>();
        for (Deliveries.Delivery delivery : deliveries.all()) {
            if (delivery.receiptKey() != null) {
                destinations.put(delivery.receiptKey(), delivery.channel() + " " + delivery.recipient());
            }
        }
        return destinations;
    }

    /** The operations not accepted, by outcome and status ("EITHER 409"), so a reader sees why. */
    private static Map<String, Long> notAccepted(List<Operation> operations) {
        return operations.stream().filter(operation -> operation.outcome() != Outcome.ACCEPTED)
                .collect(Collectors.groupingBy(operation -> operation.kind() + " " + operation.outcome()
                        + " " + operation.answer().split(" ", 2)[0], TreeMap::new, Collectors.counting()));
    }

    /** How many of {@code findings} were not reported after an earlier scenario; remembers them. */
    private long fresh(String kind, Set<String> findings) {
        long added = 0;
        for (String finding : findings) {
            if (reported.add(kind + finding)) {
                added++;
            }
        }
        return added;
    }

    private static void count(List<String> notes, String what, long count) {
        if (count > 0) {
            notes.add(count + " " + what);
        }
    }

    /** At most a few examples of each kind, so a bad run's report stays readable. */
    private static void note(List<String> notes, String text) {
        if (notes.size() < 40) {
            notes.add(text);
        }
    }
}
