package io.incidents.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FootprintWorkloadTest {

    @Test
    void theStacksProcessesCountWithTheirChildrenAndGrandchildrenOnly() {
        // 10 (infrastructure) -> 11 (postgres) -> 12, 13 (its server processes); 20 a service; 30 -> 31 someone else's
        Map<Long, Long> parentOf = Map.of(10L, 1L, 11L, 10L, 12L, 11L, 13L, 11L, 20L, 1L, 30L, 1L, 31L, 30L);

        assertThat(FootprintWorkload.withDescendants(List.of(10L, 20L), parentOf)).containsExactlyInAnyOrder(10L, 11L, 12L, 13L, 20L);
    }

    @Test
    void measuresThisVeryProcessOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "footprint reads /proc (Linux)");

        WorkloadResult result = new FootprintWorkload(List.of(ProcessHandle.current().pid())).run(RunProfile.quick()).get(0);

        assertThat(result.unit()).isEqualTo("MB");
        // A JVM running JUnit holds tens of MB at least, and far less than 64 GB.
        assertThat(result.value()).isBetween(10.0, 64.0 * 1024);
        assertThat(result.baseline()).isNull();
        assertThat(result.ratio()).isNull();
    }
}
