package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.policy.EscalationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Who holds each escalation level now, as notification-service (which routes the pages) says.
 * Asked at most once a minute, off the page's thread, with the token of the person whose page
 * found the answer stale: drawing a board never waits for another service, and the board's live
 * rows (drawn on no one's request) use what is known. Until an answer comes, or if none can be
 * had, a level is named by its title.
 */
@Component
public class LevelHolders {

    private static final Logger log = LoggerFactory.getLogger(LevelHolders.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final Duration FIRST_ANSWER_WAIT = Duration.ofSeconds(2);

    private final Upstream upstream;
    private final Clock clock;
    private final Executor asking;
    private final AtomicBoolean askingNow = new AtomicBoolean();
    private volatile Map<Integer, String> holders = Map.of();
    private volatile Instant askedAt = Instant.EPOCH;

    @Autowired
    LevelHolders(Upstream upstream, Clock clock) {
        this(upstream, clock, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dashboard-level-holders");
            thread.setDaemon(true);
            return thread;
        }));
    }

    LevelHolders(Upstream upstream, Clock clock, Executor asking) {
        this.upstream = upstream;
        this.clock = clock;
        this.asking = asking;
    }

    /** "Dana Osei, Ravi Shah" for level 2, or the level's title when nobody is known. */
    public String holderOf(int level) {
        if (level <= 0) {
            return EscalationPolicy.levelName(level);
        }
        return holders.getOrDefault(level, EscalationPolicy.levelName(level));
    }

    /**
     * Asks notification-service again if the last answer is over a minute old, in the background.
     * Call it on a page's request: the question is asked with that person's access token. Only
     * the very first question is waited for, briefly, so the first page after a start names people.
     */
    public void refreshIfStale() {
        Instant now = clock.instant();
        if (Duration.between(askedAt, now).compareTo(FRESH_FOR) < 0 || !askingNow.compareAndSet(false, true)) {
            return;
        }
        boolean first = askedAt.equals(Instant.EPOCH);
        askedAt = now;
        CompletableFuture<Void> asked;
        try {
            Supplier<Upstream.Reply> question = upstream.getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
            asked = CompletableFuture.runAsync(() -> remember(question.get()), asking)
                    .whenComplete((done, error) -> askingNow.set(false));
        } catch (RuntimeException e) {
            askingNow.set(false);
            log.warn("Could not ask notification-service who holds the escalation levels: {}", e.toString());
            return;
        }
        if (first) {
            try {
                asked.get(FIRST_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.info("notification-service did not say who holds the escalation levels in time; titles meanwhile: {}",
                        e.toString());
            }
        }
    }

    private void remember(Upstream.Reply reply) {
        if (!reply.ok() || reply.body() == null) {
            return;
        }
        Map<Integer, String> fresh = new HashMap<>();
        for (JsonNode level : reply.body().path("levels")) {
            StringBuilder names = new StringBuilder();
            level.path("contacts").forEach(name -> names.append(names.isEmpty() ? "" : ", ").append(name.asText()));
            if (!names.isEmpty()) {
                fresh.put(level.path("level").asInt(), names.toString());
            }
        }
        holders = Map.copyOf(fresh);
    }
}
