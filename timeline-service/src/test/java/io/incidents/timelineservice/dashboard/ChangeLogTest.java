package io.incidents.timelineservice.dashboard;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeLogTest {

    private final ChangeLog changeLog = new ChangeLog("k3x");

    @Test
    void aPageIsSentEveryIncidentChangedSinceTheBatchItSawOnce() {
        String seen = changeLog.record(Set.of("a", "b")).token();
        changeLog.record(Set.of("b", "c"));
        changeLog.record(Set.of("d"));

        assertThat(changeLog.missedSince(seen)).contains(Set.of("b", "c", "d"));
        assertThat(changeLog.missedSince(changeLog.current())).contains(Set.of());
        assertThat(changeLog.missedSince(null)).as("no token: taken to be current").contains(Set.of());
    }

    @Test
    void aPageDrawnBeforeAnyBatchIsSentThemAll() {
        String start = changeLog.current();
        changeLog.record(Set.of("a"));

        assertThat(start).isEqualTo("k3x-0");
        assertThat(changeLog.missedSince(start)).contains(Set.of("a"));
    }

    @Test
    void whatCannotBeKnownMeansFetchEverything() {
        changeLog.record(Set.of("a"));
        assertThat(changeLog.missedSince("other-1")).as("another instance, or before a restart").isEqualTo(Optional.empty());
        assertThat(changeLog.missedSince("k3x-9")).as("from the future").isEqualTo(Optional.empty());
        assertThat(changeLog.missedSince("k3x-one")).isEqualTo(Optional.empty());
        assertThat(changeLog.missedSince("nonsense")).isEqualTo(Optional.empty());

        String beforeSwap = changeLog.current();
        changeLog.recordEverything();
        changeLog.record(Set.of("b"));
        assertThat(changeLog.missedSince(beforeSwap)).as("a replay's swap in between").isEqualTo(Optional.empty());
    }

    @Test
    void aTokenOlderThanWhatIsKeptMeansFetchEverything() {
        String old = changeLog.current();
        for (int i = 0; i <= ChangeLog.KEPT; i++) {
            changeLog.record(Set.of("i" + i));
        }
        assertThat(changeLog.missedSince(old)).isEqualTo(Optional.empty());

        String recent = changeLog.record(Set.of("x")).token();
        changeLog.record(Set.of("y"));
        assertThat(changeLog.missedSince(recent)).contains(Set.of("y"));
    }
}
