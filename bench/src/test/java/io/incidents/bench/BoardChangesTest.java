package io.incidents.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class BoardChangesTest {

    private static final String ACKED = "bfebf1d6-f241-48cb-ad8d-216328dbd4e7";
    private static final String RESOLVED = "59d13af4-6b0c-42ff-a3d3-813abd9d824c";
    private static final String DECLARED = "0c4f5b1e-8f0a-4d59-9a52-3f7c2a9e1b60";

    /** As timeline-service writes it (BoardStream, BoardRowHtml), the rows shortened. */
    private static final String EVENT = "{\"ids\":[\"" + ACKED + "\",\"" + RESOLVED + "\",\"" + DECLARED + "\"],"
            + "\"rows\":\"<tr id=\\\"row-" + DECLARED + "\\\" class=\\\"row mine\\\" tabindex=\\\"0\\\" data-id=\\\"" + DECLARED
            + "\\\" data-severity=\\\"SEV4\\\" data-status=\\\"OPEN\\\" data-href=\\\"/incidents/" + DECLARED + "\\\">"
            + "<td><span class=\\\"sev sev4\\\">SEV4</span></td></tr>\\n"
            + "<tr id=\\\"row-" + ACKED + "\\\" class=\\\"row\\\" tabindex=\\\"0\\\" data-id=\\\"" + ACKED
            + "\\\" data-severity=\\\"SEV4\\\" data-status=\\\"ACKNOWLEDGED\\\"><td class=\\\"title\\\"><a href=\\\"/incidents/"
            + ACKED + "\\\">Bench &lt;lifecycle&gt;</a></td></tr>\\n\"}";

    @Test
    void aNamedIncidentShowsAsItsRowOrHasLeftTheBoardWhenItHasNone() {
        BoardChanges changes = BoardChanges.parse(EVENT);

        assertThat(changes.ids()).containsExactly(ACKED, RESOLVED, DECLARED);
        assertThat(changes.shownAs()).containsExactly(
                entry(ACKED, "ACKNOWLEDGED"), entry(RESOLVED, BoardView.LEFT_THE_BOARD), entry(DECLARED, "OPEN"));
        assertThat(changes.rows()).isEqualTo(2);
    }

    @Test
    void aRowTheBatchDoesNotNameIsCountedButNotShown() {
        BoardChanges changes = BoardChanges.parse(
                "{\"ids\":[],\"rows\":\"<tr id=\\\"row-" + ACKED + "\\\" class=\\\"row\\\" data-status=\\\"OPEN\\\"></tr>\"}");

        assertThat(changes.ids()).isEmpty();
        assertThat(changes.shownAs()).isEmpty();
        assertThat(changes.rows()).isEqualTo(1);
    }

    @Test
    void anythingButTheIdsAndTheirRowsIsRefused() {
        assertThatThrownBy(() -> BoardChanges.parse(ACKED)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> BoardChanges.parse("{\"ids\":[\"" + ACKED + "\"]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoardChanges.parse("{\"ids\":\"" + ACKED + "\",\"rows\":\"\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoardChanges.parse("{\"ids\":[7],\"rows\":\"\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
