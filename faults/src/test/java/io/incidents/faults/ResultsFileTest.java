package io.incidents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsFileTest {

    @Test
    void theFileHasTheFieldsOfSpecSection9(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("faults/results.json");
        ResultsFile.write(List.of(
                new ScenarioResult("kill-9 incident-service", 2100, 2090, 2090, 0, 0, 31.5, List.of()),
                new ScenarioResult("broker stopped 20 s", 0, 0, 0, 0, 0, null, List.of("could not run: boom"))), file);

        JsonNode scenarios = new ObjectMapper().readTree(file.toFile()).path("scenarios");
        assertThat(scenarios).hasSize(2);
        JsonNode first = scenarios.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("name", "operations", "accepted", "stored", "lost",
                "duplicated", "recoverySeconds");
        assertThat(first.path("recoverySeconds").asDouble()).isEqualTo(31.5);
        assertThat(scenarios.get(1).path("notes").get(0).asText()).isEqualTo("could not run: boom");
        assertThat(scenarios.get(1).has("recoverySeconds")).isTrue();
        assertThat(scenarios.get(1).path("recoverySeconds").isNull()).isTrue();
        assertThat(dir.resolve("faults")).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void aScenarioIsCleanOnlyWithNothingLostOrDuplicatedAndARecovery() {
        assertThat(new ScenarioResult("a", 10, 10, 10, 0, 0, 2.0, List.of()).clean()).isTrue();
        assertThat(new ScenarioResult("a", 10, 10, 9, 1, 0, 2.0, List.of()).clean()).isFalse();
        assertThat(new ScenarioResult("a", 10, 10, 10, 0, 1, 2.0, List.of()).clean()).isFalse();
        assertThat(new ScenarioResult("a", 10, 10, 10, 0, 0, null, List.of()).clean()).isFalse();
    }

    @Test
    void theTableHasARowPerScenario() {
        String table = ResultsFile.table(List.of(new ScenarioResult("poison records", 300, 299, 299, 0, 0, 1.25, List.of()),
                new ScenarioResult("postgres restarted", 300, 298, 298, 0, 0, null, List.of())));
        assertThat(table.lines()).hasSize(3);
        assertThat(table).contains("poison records").contains("1.3 s").contains("never");
    }
}
