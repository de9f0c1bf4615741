package io.incidents.faults;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** {@code target/faults/results.json} in the form of SPEC section 9, and the table printed at the end. */
final class ResultsFile {

    record Results(List<ScenarioResult> scenarios) {
    }

    private ResultsFile() {
    }

    static void write(List<ScenarioResult> results, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Written beside, then moved: a reader never sees half a file.
        Path partial = Files.createTempFile(parent, "results", ".json.partial");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), new Results(results));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String table(List<ScenarioResult> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-32s %10s %9s %9s %6s %10s %9s%n",
                "scenario", "operations", "accepted", "stored", "lost", "duplicated", "recovery"));
        for (ScenarioResult row : results) {
            table.append(String.format(Locale.ROOT, "%-32s %10d %9d %9d %6d %10d %9s%n", row.name(), row.operations(),
                    row.accepted(), row.stored(), row.lost(), row.duplicated(),
                    row.recoverySeconds() == null ? "never" : String.format(Locale.ROOT, "%.1f s", row.recoverySeconds())));
        }
        return table.toString();
    }
}
