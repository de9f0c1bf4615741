package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * When the system works again after a fault: a new incident declared through the command API is
 * on the timeline and its first page has reached a receiver. Counted from the moment the fault
 * ended, so it includes the time a killed service takes to start again, and the backlog a
 * channel outage left in front of the new page.
 */
final class Recovery {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private Recovery() {
    }

    /** Seconds from {@code faultEnded} until a fresh incident shows end to end, or -1 if it never did. */
    static double measure(Api api, String run, String scenario, Instant faultEnded, Paged paged) throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        String id = api.declare(scenario, run + "-" + scenario + "-recovery-probe", "SEV3");
        if (id == null) {
            return -1;
        }
        while (System.nanoTime() < giveUpAt) {
            if (api.get(api.targets().timelineService(), "/api/v1/incidents/" + id) != null && paged.anyReceived(id)) {
                return Duration.between(faultEnded, Instant.now()).toMillis() / 1000.0;
            }
            Thread.sleep(500);
        }
        return -1;
    }

    /** Whether a receiver has a message about an incident. */
    interface Paged {
        boolean anyReceived(String incidentId);
    }
}
