package io.incidents.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code target/bench/results.json} in the form of SPEC section 9, read by other programs. */
final class ResultsJson {

    /** The file's top level: {@code {"workloads": [...]}}. */
    record Results(List<WorkloadResult> workloads) {
    }

    private ResultsJson() {
    }

    static void write(List<WorkloadResult> results, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Written beside, then moved: a reader never sees half a file.
        Path partial = Files.createTempFile(parent, "results", ".json.partial");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), new Results(results));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
