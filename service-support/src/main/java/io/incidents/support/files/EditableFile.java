package io.incidents.support.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text the team may edit, such as the post-mortem agenda or the on-call checklists: the file
 * named by a setting when there is one, else the default shipped in the jar. Read once at start-up.
 */
public final class EditableFile {

    private EditableFile() {
    }

    /**
     * @param anchor  a class of the jar that ships the default
     * @param shipped the default's resource path ({@code /oncall/checklist.md})
     * @param file    the setting's value: a file that replaces the default, or null or blank for the default
     * @param setting the setting's name, for the message when the file cannot be read
     */
    public static String read(Class<?> anchor, String shipped, String file, String setting) {
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(setting + ": " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        try (InputStream in = anchor.getResourceAsStream(shipped)) {
            if (in == null) {
                throw new IllegalStateException("the shipped " + shipped + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
