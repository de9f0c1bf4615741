package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatedReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoReplaysOneAfterTheOtherDidNotOverlap() {
        JsonNode earlier = status("2026-11-27T10:00:00.000Z", "2026-11-27T10:00:00.400Z");
        JsonNode later = status("2026-11-27T10:00:00.450Z", "2026-11-27T10:00:00.900Z");

        assertThat(CoordinatedReplay.overlapped(earlier, later)).isFalse();
        assertThat(CoordinatedReplay.overlapped(later, earlier)).isFalse();
    }

    @Test
    void aReplayStartedBeforeTheOtherFinishedOverlapped() {
        JsonNode one = status("2026-11-27T10:00:00.000Z", "2026-11-27T10:00:00.400Z");
        JsonNode other = status("2026-11-27T10:00:00.300Z", "2026-11-27T10:00:00.900Z");
        JsonNode within = status("2026-11-27T10:00:00.100Z", "2026-11-27T10:00:00.200Z");

        assertThat(CoordinatedReplay.overlapped(one, other)).isTrue();
        assertThat(CoordinatedReplay.overlapped(other, one)).isTrue();
        assertThat(CoordinatedReplay.overlapped(one, within)).isTrue();
    }

    private static JsonNode status(String startedAt, String finishedAt) {
        return JSON.createObjectNode().put("state", "COMPLETED").put("startedAt", startedAt).put("finishedAt", finishedAt);
    }
}
