package io.incidents.incidentservice.relay;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which positions of the event store a reconciliation step may compare, and how many at once. */
class ReconciliationWindowTest {

    @Test
    void aStepComparesWhatWasStoredSinceTheLastOneUpToTheSettledPosition() {
        assertThat(ReconciliationWindow.next(100, 250, 300, 10_000)).contains(new ReconciliationWindow(100, 250));
    }

    @Test
    void nothingTheRelayHasNotFinishedWithIsCompared() {
        assertThat(ReconciliationWindow.next(100, 250, 180, 10_000)).as("the relay is behind")
                .contains(new ReconciliationWindow(100, 180));
        assertThat(ReconciliationWindow.next(100, 250, RelayPosition.of(300, List.of(151L, 280L)).doneThrough(), 10_000))
                .as("the relay still waits for position 151").contains(new ReconciliationWindow(100, 150));
    }

    @Test
    void nothingIsComparedBeforeItHasSettledOrWhenNothingIsNew() {
        assertThat(ReconciliationWindow.next(100, 100, 300, 10_000)).as("nothing settled since").isEmpty();
        assertThat(ReconciliationWindow.next(100, 250, 100, 10_000)).as("the relay has not moved").isEmpty();
        assertThat(ReconciliationWindow.next(100, 250, 90, 10_000)).as("a relay token reset behind the check").isEmpty();
        assertThat(ReconciliationWindow.next(-1, 0, RelayTokens.START.doneThrough(), 10_000)).as("the relay never ran").isEmpty();
    }

    @Test
    void aLongBacklogIsComparedInStepsOfAtMostTheWindowSize() {
        long checked = 0;
        int steps = 0;
        Optional<ReconciliationWindow> window;
        while ((window = ReconciliationWindow.next(checked, 10_000_000, 10_000_000, 10_000)).isPresent()) {
            assertThat(window.get().after()).isEqualTo(checked);
            assertThat(window.get().through() - window.get().after()).isBetween(1L, 10_000L);
            checked = window.get().through();
            steps++;
        }
        assertThat(checked).isEqualTo(10_000_000);
        assertThat(steps).isEqualTo(1_000);
    }

    @Test
    void aWindowHoldsAtLeastOnePosition() {
        assertThatThrownBy(() -> ReconciliationWindow.next(0, 10, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRelayIsDoneBelowItsFirstGapAndHasPassedEveryPositionUpToItsIndexButTheGaps() {
        RelayPosition relay = RelayPosition.of(20, List.of(12L, 17L));

        assertThat(relay.doneThrough()).isEqualTo(11);
        assertThat(relay.passed(11)).isTrue();
        assertThat(relay.passed(12)).as("still awaited").isFalse();
        assertThat(relay.passed(13)).isTrue();
        assertThat(relay.passed(20)).isTrue();
        assertThat(relay.passed(21)).as("not read yet").isFalse();
        assertThat(RelayPosition.of(20, List.of()).doneThrough()).isEqualTo(20);
    }

    @Test
    void comparisonsGoUpToTheSettlingPositionOnlyOnceItHasSettled() {
        ReconciliationState state = new ReconciliationState(0, 100, 250L);

        assertThat(state.settledThrough(false)).isEqualTo(100);
        assertThat(state.settledThrough(true)).isEqualTo(250);
        assertThat(new ReconciliationState(0, 100, null).settledThrough(true)).as("none taken yet").isEqualTo(100);
        assertThat(new ReconciliationState(0, 300, 250L).settledThrough(true)).as("never backwards").isEqualTo(300);
    }

    @Test
    void aNewSettlingPositionIsTakenOnlyOnceComparisonsHaveReachedTheLastOne() {
        assertThat(ReconciliationState.needsSettlingPosition(null, 100)).isTrue();
        assertThat(ReconciliationState.needsSettlingPosition(250L, 100)).as("kept until it settles, or it never would")
                .isFalse();
        assertThat(ReconciliationState.needsSettlingPosition(250L, 250)).isTrue();
    }
}
