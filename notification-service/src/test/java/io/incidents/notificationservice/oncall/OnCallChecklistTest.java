package io.incidents.notificationservice.oncall;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnCallChecklistTest {

    @Test
    void theShippedChecklistCoversBeforeDuringAndAfterTheShift() {
        OnCallChecklist shipped = OnCallChecklist.of(null);

        assertThat(shipped.title()).isEqualTo("On-call checklist");
        assertThat(shipped.sections()).extracting(OnCallChecklist.Section::name)
                .containsExactly("Before the shift", "During the shift", "After the shift");
        assertThat(shipped.sections().get(0).items()).anySatisfy(item -> assertThat(item).contains("hand-off note"));
        assertThat(shipped.sections().get(2).items().get(0)).startsWith("Write the hand-off note");
    }

    @Test
    void aFileOfTheTeamsOwnReplacesIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("checklist.md"), "# Our shifts\nShort.\n\n## Start\n- Read the note\n1. Log in\n\n## End\n* Write the note\n");

        OnCallChecklist ours = OnCallChecklist.of(file.toString());

        assertThat(ours.title()).isEqualTo("Our shifts");
        assertThat(ours.introduction()).isEqualTo("Short.");
        assertThat(ours.sections()).containsExactly(new OnCallChecklist.Section("Start", java.util.List.of("Read the note", "Log in")),
                new OnCallChecklist.Section("End", java.util.List.of("Write the note")));
    }

    @Test
    void aFileWithoutSectionsOrItemsOrThatCannotBeReadStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.md"), "# Nothing\n\n## Before\n");

        assertThatThrownBy(() -> OnCallChecklist.of(empty.toString())).hasMessageContaining(empty.toString())
                .hasMessageContaining("## ");
        assertThatThrownBy(() -> OnCallChecklist.of(dir.resolve("missing.md").toString()))
                .hasMessageContaining("notifications.oncall.checklist").hasMessageContaining("missing.md");
    }
}
