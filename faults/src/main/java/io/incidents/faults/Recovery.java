package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/**
 * When the system works again after a fault: a new incident declared through the command API is
 * on the timeline and in notification-service's delivery log. Counted from the moment the fault
 * ended, so it includes the time a killed service takes to start again.
 */
final class Recovery {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private Recovery() {
    }

    /** Seconds from {@code faultEnded} until a fresh incident shows end to end, or -1 if it never did. */
    static double measure(Api api, String run, String scenario, Instant faultEnded) throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        String id = api.declare(scenario, run + "-" + scenario + "-recovery-probe", "SEV3");
        if (id == null) {
            return -1;
        }
        while (System.nanoTime() < giveUpAt) {
            if (api.get(api.targets().timelineService(), "/api/v1/incidents/" + id) != null
                    && hasItems(api.get(api.targets().notificationService(), "/api/v1/notifications?incidentId=" + id))) {
                return Duration.between(faultEnded, Instant.now()).toMillis() / 1000.0;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private static boolean hasItems(JsonNode answer) {
        if (answer == null) {
            return false;
        }
        for (JsonNode field : answer) {
            if (field.isArray() && !field.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
