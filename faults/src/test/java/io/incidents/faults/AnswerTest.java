package io.incidents.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTest {

    @Test
    void aSuccessIsAcceptedWhateverCameBefore() {
        assertThat(new Answer(201, "", 1, false).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(new Answer(204, "", 3, true).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aRefusalIsOnlyDefiniteWhenNoEarlierAttemptMayHaveActed() {
        assertThat(new Answer(409, "already resolved", 1, false).outcome()).isEqualTo(Outcome.REFUSED);
        // the first attempt timed out and may have resolved it: the 409 may be about that attempt
        assertThat(new Answer(409, "already resolved", 2, true).outcome()).isEqualTo(Outcome.EITHER);
    }

    @Test
    void aClientThatGaveUpKnowsNothing() {
        assertThat(new Answer(-1, "gave up", 40, true).outcome()).isEqualTo(Outcome.UNKNOWN);
    }
}
