package io.incidents.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class BoardPageTest {

    /** The board as timeline-service renders it (board.html, board-row.html), shortened. */
    private static final String BOARD = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="csrf-token" content="P7UVRn0mkVO9n5G0BRVA-UIkbPkDwAa2V_SUd1W8">
                <meta name="csrf-header" content="X-CSRF-TOKEN">
                <title>Board · Incidents</title>
            </head>
            <body>
            <table class="board">
                <thead>
                <tr>
                    <th scope="col">Severity</th>
                </tr>
                </thead>
                <tbody id="board-body">
                <tr id="row-bfebf1d6-f241-48cb-ad8d-216328dbd4e7" class="row" tabindex="0"
                data-id="bfebf1d6-f241-48cb-ad8d-216328dbd4e7" data-severity="SEV1" data-status="OPEN">
                <td><span class="sev sev1">SEV1</span></td>
                <td data-label="rollback"><span class="rollback">procedure A</span></td>
            </tr><tr id="row-59d13af4-6b0c-42ff-a3d3-813abd9d824c" class="row mine" tabindex="0"
                data-id="59d13af4-6b0c-42ff-a3d3-813abd9d824c" data-severity="SEV3" data-status="ACKNOWLEDGED">
                <td><span class="sev sev3">SEV3</span></td>
            </tr><tr class="rowgroup"><td>not a row of the board</td></tr>
                </tbody>
            </table>
            </body>
            </html>
            """;

    @Test
    void countsTheRowsOfTheBoardAndNothingElse() {
        assertThat(BoardPage.rows(BOARD)).isEqualTo(2);
        assertThat(BoardPage.rows("<tbody id=\"board-body\"><tr th:if id=\"board-empty\"><td>No open incidents.</td></tr></tbody>"))
                .isZero();
    }

    @Test
    void readsWhatEachRowShowsByIncident() {
        assertThat(BoardPage.rowStatuses(BOARD)).containsExactly(
                entry("bfebf1d6-f241-48cb-ad8d-216328dbd4e7", "OPEN"),
                entry("59d13af4-6b0c-42ff-a3d3-813abd9d824c", "ACKNOWLEDGED"));
        assertThat(BoardPage.rowStatuses("<tr id=\"row-x\" class=\"row\"><td></td></tr>"))
                .containsExactly(entry("x", BoardPage.NO_STATUS));
    }

    @Test
    void tellsTheBoardFromALoginFormOrAnErrorPage() {
        assertThat(BoardPage.isBoard(BOARD)).isTrue();
        assertThat(BoardPage.isBoard("<html><title>Sign in · Incident tracking (local)</title><form method=\"post\"></form>")).isFalse();
    }

    @Test
    void readsTheSessionsCsrfTokenForTheLogout() {
        assertThat(BoardPage.csrfToken(BOARD)).contains("P7UVRn0mkVO9n5G0BRVA-UIkbPkDwAa2V_SUd1W8");
        assertThat(BoardPage.csrfHeader(BOARD)).contains("X-CSRF-TOKEN");
        assertThat(BoardPage.csrfToken("<meta content=\"tok\" name=\"csrf-token\">")).contains("tok");
        assertThat(BoardPage.csrfToken("<html><head></head></html>")).isEmpty();
    }
}
