package io.incidents.faults;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The whole system at one moment: the event store, what each read side applied, the delivery
 * log, what the receivers got and each consumer group's lag.
 */
record Snapshot(StoredEvents store, Set<String> timeline, Set<String> notifications, Deliveries deliveries,
                Map<String, Integer> received, Map<String, Instant> firstReceived, Map<String, Long> lag) {

    static Snapshot take(Databases databases, Sinks sinks, Kafka kafka) throws SQLException, InterruptedException {
        // The read sides and receivers first, then the store: what they have can only be in the store already.
        Map<String, Long> lag = kafka.lagByGroup();
        Set<String> timeline = ReadModels.applied(databases, Databases.TIMELINE);
        Set<String> notifications = ReadModels.applied(databases, Databases.NOTIFICATIONS);
        Deliveries deliveries = Deliveries.read(databases);
        Sinks.Receipts receipts = sinks.receipts();
        return new Snapshot(StoredEvents.read(databases), timeline, notifications, deliveries, receipts.counts(),
                receipts.firstAt(), lag);
    }

    /** Stored events a read side does not have. */
    static Set<String> missing(Set<String> store, Set<String> readSide) {
        Set<String> missing = new HashSet<>(store);
        missing.removeAll(readSide);
        return missing;
    }

    boolean caughtUp() {
        return missing(store.identities(), timeline).isEmpty() && missing(timeline, store.identities()).isEmpty()
                && missing(store.identities(), notifications).isEmpty() && missing(notifications, store.identities()).isEmpty()
                && deliveries.unsent() == 0
                && deliveries.all().stream().filter(Deliveries.Delivery::sent).map(Deliveries.Delivery::receiptKey)
                        .allMatch(key -> key == null || received.containsKey(key))
                && lag.values().stream().allMatch(behind -> behind == 0);
    }

    String progress() {
        return "timeline missing " + missing(store.identities(), timeline).size()
                + ", notifications missing " + missing(store.identities(), notifications).size()
                + ", unsent messages " + deliveries.unsent() + ", lag " + lag;
    }
}
