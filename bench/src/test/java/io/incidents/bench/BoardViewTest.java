package io.incidents.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BoardViewTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBoardsFollowTheStatusesTheCommandsLeaveAndResolvedIncidentsLeaveTheBoard() {
        assertThat(BoardView.shownAs("OPEN")).isEqualTo("OPEN");
        assertThat(BoardView.shownAs("ACKNOWLEDGED")).isEqualTo("ACKNOWLEDGED");
        assertThat(BoardView.shownAs("RESOLVED")).isEqualTo(BoardView.LEFT_THE_BOARD);
    }

    @Test
    void anIncidentIsMissingUntilTheBoardShowsItAsItsLastCommandLeftIt() {
        BoardView view = new BoardView(0);
        view.expect("a", "OPEN", 1 * SECOND);
        view.expect("a", "ACKNOWLEDGED", 2 * SECOND);
        view.expect("a", BoardView.LEFT_THE_BOARD, 3 * SECOND);
        assertThat(view.missing()).isEqualTo(1);
        assertThat(view.currentSince()).isEmpty();

        // A batch sent before the resolve took effect: one id, still the acknowledged row.
        view.show("a", "ACKNOWLEDGED", 4 * SECOND);
        assertThat(view.missing()).isEqualTo(1);
        assertThat(view.missingExamples(3)).containsExactly("a shown as ACKNOWLEDGED, the commands left it off the board");

        view.show("a", BoardView.LEFT_THE_BOARD, 5 * SECOND);
        assertThat(view.missing()).isZero();
        assertThat(view.currentSince()).hasValue(5 * SECOND);
        assertThat(view.expected()).isEqualTo(1);
    }

    @Test
    void aBatchThatArrivesBeforeTheCommandsAnswerCountsAllTheSame() {
        BoardView view = new BoardView(0);
        view.show("a", "OPEN", 1 * SECOND);
        view.expect("a", "OPEN", 2 * SECOND);

        assertThat(view.missing()).isZero();
        assertThat(view.currentSince()).hasValue(0);
    }

    @Test
    void howLongAnIncidentHasBeenMissingCountsFromItsLastCommand() {
        BoardView view = new BoardView(0);
        view.expect("a", "OPEN", 1 * SECOND);
        view.expect("a", "ACKNOWLEDGED", 3 * SECOND);
        view.show("a", "OPEN", 4 * SECOND);

        assertThat(view.missesAnyOlderThan(2 * SECOND, 4 * SECOND)).isFalse();
        assertThat(view.missesAnyOlderThan(2 * SECOND, 6 * SECOND)).isTrue();
        view.show("a", "ACKNOWLEDGED", 6 * SECOND);
        assertThat(view.missesAnyOlderThan(2 * SECOND, 60 * SECOND)).isFalse();
    }

    @Test
    void theWholeBoardFetchedAfterAResyncShowsEveryIncidentNotOnItAsGone() {
        BoardView view = new BoardView(0);
        view.expect("a", "ACKNOWLEDGED", 1 * SECOND);
        view.expect("b", BoardView.LEFT_THE_BOARD, 1 * SECOND);
        view.show("b", "OPEN", 2 * SECOND);

        view.showWholeBoard(Map.of("a", "ACKNOWLEDGED", "someone else's", "OPEN"), 3 * SECOND);

        assertThat(view.missing()).isZero();
        assertThat(view.currentSince()).hasValue(3 * SECOND);
    }

    @Test
    void aNewConnectionStartsWithNothingShownAndNothingToShow() {
        BoardView view = new BoardView(0);
        view.show("a", "OPEN", 1 * SECOND);
        view.expect("b", "OPEN", 1 * SECOND);

        view.reset(2 * SECOND);
        assertThat(view.missing()).isZero();
        assertThat(view.expected()).isZero();
        assertThat(view.currentSince()).hasValue(2 * SECOND);

        view.expect("a", "OPEN", 3 * SECOND);
        assertThat(view.missingExamples(3)).containsExactly("a never named, the commands left it OPEN");
    }
}
