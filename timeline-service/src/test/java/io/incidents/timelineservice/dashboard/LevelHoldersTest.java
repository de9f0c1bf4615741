package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LevelHoldersTest {

    private static final String LEVELS = """
            {"levels":[{"level":1,"title":"on-call engineer","contacts":["Alex Kim"]},
                       {"level":2,"title":"DevOps lead","contacts":["Dana Osei","Ravi Shah"]},
                       {"level":3,"title":"engineering manager","contacts":[]}]}""";

    private final Upstream upstream = mock(Upstream.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void namesWhoNotificationServiceSaysHoldsEachLevel() throws Exception {
        when(upstream.getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels"))
                .thenReturn(() -> new Upstream.Reply(200, json(LEVELS), null));
        LevelHolders holders = new LevelHolders(upstream, clock, Runnable::run);
        assertThat(holders.holderOf(1)).as("before anyone asked").isEqualTo("on-call engineer");

        holders.refreshIfStale();
        holders.refreshIfStale();

        assertThat(holders.holderOf(1)).isEqualTo("Alex Kim");
        assertThat(holders.holderOf(2)).isEqualTo("Dana Osei, Ravi Shah");
        assertThat(holders.holderOf(3)).as("nobody configured").isEqualTo("engineering manager");
        assertThat(holders.holderOf(0)).isEqualTo("nobody");
        verify(upstream, times(1)).getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
    }

    @Test
    void fallsBackToTheLevelsTitleWhenNotificationServiceCannotBeAsked() {
        when(upstream.getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels"))
                .thenReturn(() -> new Upstream.Reply(503, null, "notification-service cannot be reached"));
        LevelHolders holders = new LevelHolders(upstream, clock, Runnable::run);

        holders.refreshIfStale();

        assertThat(holders.holderOf(2)).isEqualTo("DevOps lead");
        assertThat(holders.holderOf(4)).isEqualTo("CTO");
        verify(upstream, times(1)).getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
    }

    @Test
    void asksAgainOnceTheAnswerIsAMinuteOld() throws Exception {
        MutableClock time = new MutableClock(clock.instant());
        when(upstream.getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels"))
                .thenReturn(() -> new Upstream.Reply(200, json(LEVELS), null));
        LevelHolders holders = new LevelHolders(upstream, time, Runnable::run);

        holders.refreshIfStale();
        time.advance(Duration.ofSeconds(59));
        holders.refreshIfStale();
        verify(upstream, times(1)).getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");

        time.advance(Duration.ofSeconds(2));
        holders.refreshIfStale();
        verify(upstream, times(2)).getLater(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
