package io.incidents.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consumer groups of timeline-service and notification-service and how their members share
 * the partitions: each group's members before the second instances start (the first instance's
 * consumers), then whether the second instances' consumers took partitions of their own, and
 * whether one instance alone holds them all again after the other stopped.
 */
final class ConsumerGroupShares {

    /** A consumer group and the topic it reads. */
    record Group(String id, String topic) {
        @Override
        public String toString() {
            return id + " on " + topic;
        }
    }

    static final List<Group> GROUPS = List.of(new Group("timeline-service", "incident-events"),
            new Group("timeline-service-notifications", "notification-events"),
            new Group("notification-service", "incident-events"));
    static final int PARTITIONS = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Kafka kafka;
    private final Map<Group, Integer> firstInstanceMembers = new HashMap<>();

    ConsumerGroupShares(Kafka kafka) {
        this.kafka = kafka;
    }

    /** Counts each group's members while one instance of each service runs. */
    void rememberOneInstance() throws InterruptedException {
        for (Group group : GROUPS) {
            firstInstanceMembers.put(group, kafka.assignment(group.id(), group.topic()).size());
        }
    }

    /**
     * Waits until, in every group, more members hold partitions than the first instance has
     * consumers (so the second instance's hold some) and every partition is held; what is not so
     * after a minute, in words.
     */
    List<String> awaitShared() throws InterruptedException {
        return awaitEach(group -> {
            Map<String, Set<Integer>> members = kafka.assignment(group.id(), group.topic());
            long holding = members.values().stream().filter(partitions -> !partitions.isEmpty()).count();
            return holding > firstInstanceMembers.get(group) && allHeld(members) ? null
                    : group + ": " + holding + " members hold partitions (the first instance has " + firstInstanceMembers.get(group)
                    + " consumers), partitions held " + held(members);
        });
    }

    /** Waits until every group is back to the first instance's members, holding every partition. */
    List<String> awaitOneInstanceHoldsAll() throws InterruptedException {
        return awaitEach(group -> {
            Map<String, Set<Integer>> members = kafka.assignment(group.id(), group.topic());
            return members.size() == firstInstanceMembers.get(group) && allHeld(members) ? null
                    : group + ": " + members.size() + " members (expected " + firstInstanceMembers.get(group) + "), partitions held "
                    + held(members);
        });
    }

    private interface Check {
        /** null when the group is as expected, else what it is. */
        String of(Group group) throws InterruptedException;
    }

    private static List<String> awaitEach(Check check) throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> wrong = new ArrayList<>();
            for (Group group : GROUPS) {
                String finding = check.of(group);
                if (finding != null) {
                    wrong.add(finding);
                }
            }
            if (wrong.isEmpty() || System.nanoTime() > giveUpAt) {
                return wrong.stream().map(finding -> finding + " after " + PATIENCE.toSeconds() + " s").toList();
            }
            Thread.sleep(500);
        }
    }

    private static boolean allHeld(Map<String, Set<Integer>> members) {
        return held(members).size() == PARTITIONS;
    }

    private static Set<Integer> held(Map<String, Set<Integer>> members) {
        Set<Integer> held = new TreeSet<>();
        members.values().forEach(held::addAll);
        return held;
    }
}
