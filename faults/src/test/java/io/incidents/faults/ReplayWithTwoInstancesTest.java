package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayWithTwoInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoReplaysOneAfterTheOtherDidNotOverlap() {
        JsonNode earlier = status("2026-11-27T10:00:00.000Z", "2026-11-27T10:00:00.400Z");
        JsonNode later = status("2026-11-27T10:00:00.450Z", "2026-11-27T10:00:00.900Z");

        assertThat(ReplayWithTwoInstances.overlapped(earlier, later)).isFalse();
        assertThat(ReplayWithTwoInstances.overlapped(later, earlier)).isFalse();
    }

    @Test
    void aReplayStartedBeforeTheOtherFinishedOverlapped() {
        JsonNode one = status("2026-11-27T10:00:00.000Z", "2026-11-27T10:00:00.400Z");
        JsonNode other = status("2026-11-27T10:00:00.300Z", "2026-11-27T10:00:00.900Z");
        JsonNode within = status("2026-11-27T10:00:00.100Z", "2026-11-27T10:00:00.200Z");

        assertThat(ReplayWithTwoInstances.overlapped(one, other)).isTrue();
        assertThat(ReplayWithTwoInstances.overlapped(other, one)).isTrue();
        assertThat(ReplayWithTwoInstances.overlapped(one, within)).isTrue();
    }

    private static JsonNode status(String startedAt, String finishedAt) {
        return JSON.createObjectNode().put("state", "COMPLETED").put("startedAt", startedAt).put("finishedAt", finishedAt);
    }
}
