package io.incidents.notificationservice.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed message is tried again, and when it is given up: retries go on by elapsed time,
 * not by count, so an outage of any length shorter than {@code giveUpAfter} loses nothing.
 *
 * <ul>
 *   <li>The wait after the n-th failure in a row is {@code initialBackoff * 2^(n-1)}, capped at
 *       {@code maxBackoff}: once a destination works again, each of its messages goes out within
 *       one {@code maxBackoff} (sooner when a message to it succeeds, see the worker).</li>
 *   <li>A message is parked once it has been failing for {@code giveUpAfter} (since the first
 *       failure of the current run), never sooner.</li>
 *   <li>An attempt whose outcome is unknown (it timed out after the request went out) waits at
 *       least {@code unknownOutcomeWait} too: never tried again at once while the receiver may
 *       still be working on it.</li>
 * </ul>
 */
final class RetryPolicy {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration giveUpAfter;
    private final Duration unknownOutcomeWait;

    RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter, Duration unknownOutcomeWait) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.giveUpAfter = giveUpAfter;
        this.unknownOutcomeWait = unknownOutcomeWait;
    }

    static RetryPolicy of(DeliveryProperties properties) {
        return new RetryPolicy(properties.initialBackoff(), properties.maxBackoff(), properties.giveUpAfter(),
                properties.readTimeout());
    }

    /** What to do after a failed attempt. */
    record Decision(boolean giveUp, Instant nextAttemptAt, Instant failingSince) {
    }

    /**
     * @param failuresBefore failed attempts in a row before this one
     * @param failingSince   when that run of failures began; null if this is its first failure
     * @param now            when this attempt failed
     */
    Decision afterFailure(int failuresBefore, Instant failingSince, Instant now, boolean outcomeUnknown) {
        Instant since = failingSince == null ? now : failingSince;
        if (!now.isBefore(since.plus(giveUpAfter))) {
            return new Decision(true, null, since);
        }
        Duration wait = backoffAfter(failuresBefore + 1);
        if (outcomeUnknown && wait.compareTo(unknownOutcomeWait) < 0) {
            wait = unknownOutcomeWait;
        }
        return new Decision(false, now.plus(wait), since);
    }

    /** The wait after {@code failures} failed attempts in a row (at least one). */
    Duration backoffAfter(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
