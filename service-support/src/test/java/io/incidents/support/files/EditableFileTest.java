package io.incidents.support.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditableFileTest {

    @Test
    void theFileASettingNamesReplacesTheShippedDefault(@TempDir Path dir) throws Exception {
        Path ours = Files.writeString(dir.resolve("ours.md"), "# Ours\n");

        assertThat(EditableFile.read(EditableFileTest.class, "/editable-default.md", ours.toString(), "x.file")).isEqualTo("# Ours\n");
        assertThat(EditableFile.read(EditableFileTest.class, "/editable-default.md", " ", "x.file")).startsWith("# Shipped");
    }

    @Test
    void aFileThatCannotBeReadOrAMissingDefaultStopsTheStartNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> EditableFile.read(EditableFileTest.class, "/editable-default.md", dir.resolve("gone.md").toString(),
                "x.file")).hasMessageContaining("x.file").hasMessageContaining("gone.md");
        assertThatThrownBy(() -> EditableFile.read(EditableFileTest.class, "/no-such-default.md", null, "x.file"))
                .hasMessageContaining("/no-such-default.md");
    }
}
