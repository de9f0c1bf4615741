package io.incidents.notificationservice.statuspage;


import java.time.Duration;
import java.time.Instant;

/**
 * How far back the page's history and feed reach: the last 90 days. Which incidents appear is
 * not a matter of severity: only those a responder published (SPEC 6), which are those with posts.
 */
final class StatusPagePolicy {

    static final Duration HISTORY = Duration.ofDays(90);

    private StatusPagePolicy() {
    }

    static Instant historySince(Instant now) {
        return now.minus(HISTORY);
    }
}
