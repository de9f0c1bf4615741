package io.incidents.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed attempts per key (a user name, an address) in fixed windows: after {@code limit}
 * failures within {@code window} the key is blocked until that window ends. Online guessing then
 * costs the attacker the window, and the server at most {@code limit} expensive checks per window
 * and key. Memory is bounded: keys nobody failed with lately are forgotten.
 */
public final class FailureThrottle {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;

    public FailureThrottle(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a throttle needs a limit of at least 1 and a positive window");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.windows = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** How long the key must still wait, if it used up its failures in the current window. */
    public Optional<Duration> blockedFor(String key) {
        Window current = windows.getIfPresent(key);
        Instant now = clock.instant();
        if (current == null || !current.isOpenAt(now, window) || current.failures < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.start.plus(window)));
    }

    /**
     * Counts an attempt before it is checked, in one atomic step, so parallel guesses cannot all
     * slip in before the first failure is recorded. Empty when the attempt may go ahead; a
     * successful attempt then gives its count back ({@link #succeeded} or {@link #release}).
     */
    public Optional<Duration> tryAttempt(String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        windows.asMap().compute(key, (k, current) -> {
            if (current == null || !current.isOpenAt(now, window)) {
                return new Window(now, 1);
            }
            if (current.failures >= limit) {
                wait[0] = Duration.between(now, current.start.plus(window));
                return current;
            }
            return new Window(current.start, current.failures + 1);
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Gives back one attempt counted by {@link #tryAttempt} that turned out well. */
    public void release(String key) {
        windows.asMap().computeIfPresent(key, (k, current) ->
                current.failures <= 1 ? null : new Window(current.start, current.failures - 1));
    }

    public void failed(String key) {
        Instant now = clock.instant();
        windows.asMap().compute(key, (k, current) ->
                current == null || !current.isOpenAt(now, window) ? new Window(now, 1) : new Window(current.start, current.failures + 1));
    }

    public void succeeded(String key) {
        windows.invalidate(key);
    }

    /** Seconds for a {@code Retry-After} header: never 0, so a client does not retry at once. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private record Window(Instant start, int failures) {
        boolean isOpenAt(Instant now, Duration length) {
            return now.isBefore(start.plus(length));
        }
    }
}
