package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.policy.EscalationPolicy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Who holds each escalation level now, as notification-service (which routes the pages) says,
 * asked at most once a minute. If it cannot be asked, the board names the level's title instead.
 */
@Component
public class LevelHolders {

    private static final Duration FRESH_FOR = Duration.ofSeconds(60);

    private final Upstream upstream;
    private final Clock clock;
    private volatile Map<Integer, String> holders = Map.of();
    private volatile Instant askedAt = Instant.EPOCH;

    LevelHolders(Upstream upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    /** "Dana Osei (DevOps lead)" for level 2, or the level's title when nobody is known. */
    public String holderOf(int level) {
        if (level <= 0) {
            return EscalationPolicy.levelName(level);
        }
        refreshIfStale();
        return holders.getOrDefault(level, EscalationPolicy.levelName(level));
    }

    private void refreshIfStale() {
        Instant now = clock.instant();
        if (Duration.between(askedAt, now).compareTo(FRESH_FOR) < 0) {
            return;
        }
        askedAt = now; // one caller asks; the others keep what is known meanwhile
        Upstream.Reply reply = upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
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
