package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
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
        when(upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels"))
                .thenReturn(new Upstream.Reply(200, new ObjectMapper().readTree(LEVELS), null));
        LevelHolders holders = new LevelHolders(upstream, clock);

        assertThat(holders.holderOf(1)).isEqualTo("Alex Kim");
        assertThat(holders.holderOf(2)).isEqualTo("Dana Osei, Ravi Shah");
        assertThat(holders.holderOf(3)).as("nobody configured").isEqualTo("engineering manager");
        assertThat(holders.holderOf(0)).isEqualTo("nobody");
        verify(upstream, times(1)).get(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
    }

    @Test
    void fallsBackToTheLevelsTitleWhenNotificationServiceCannotBeAsked() {
        when(upstream.get(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels"))
                .thenReturn(new Upstream.Reply(503, null, "notification-service cannot be reached"));
        LevelHolders holders = new LevelHolders(upstream, clock);

        assertThat(holders.holderOf(2)).isEqualTo("DevOps lead");
        assertThat(holders.holderOf(4)).isEqualTo("CTO");
        verify(upstream, times(1)).get(Upstream.Service.NOTIFICATIONS, "/api/v1/escalation/levels");
    }
}
