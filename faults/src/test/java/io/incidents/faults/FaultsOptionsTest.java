package io.incidents.faults;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsOptionsTest {

    private static final List<String> REQUIRED = List.of("--stack=/repo/stack", "--incident-service=http://127.0.0.1:8081",
            "--timeline-service=http://127.0.0.1:8082", "--notification-service=http://127.0.0.1:8083",
            "--postgres=127.0.0.1:5432", "--kafka=127.0.0.1:9092", "--sink-port=8089", "--smtp-port=2525",
            "--instance-step=10", "--results=target/faults/results.json");

    @Test
    void theFullRunSendsOver20000OperationsOverItsTenScenarios() {
        FaultsOptions options = FaultsOptions.parse(REQUIRED.toArray(String[]::new));
        assertThat(options.quick()).isFalse();
        assertThat(options.operationsPerScenario() * 10).isGreaterThanOrEqualTo(20_000);
        assertThat(options.targets().timelineService().getPort()).isEqualTo(8082);
        assertThat(options.runs("kill-9 timeline-service")).isTrue();
    }

    @Test
    void onlyPicksScenariosByAPartOfTheirName() {
        List<String> args = new ArrayList<>(REQUIRED);
        args.add("--quick");
        args.add("--only=Postgres,poison");
        FaultsOptions options = FaultsOptions.parse(args.toArray(String[]::new));
        assertThat(options.quick()).isTrue();
        assertThat(options.runs("postgres stalled 30 s")).isTrue();
        assertThat(options.runs("poison records")).isTrue();
        assertThat(options.runs("broker stopped 20 s")).isFalse();
    }

    @Test
    void aMissingOrUnknownArgumentIsNamed() {
        assertThatThrownBy(() -> FaultsOptions.parse("--stack=/repo/stack")).hasMessageContaining("--incident-service");
        List<String> args = new ArrayList<>(REQUIRED);
        args.add("--fast");
        assertThatThrownBy(() -> FaultsOptions.parse(args.toArray(String[]::new))).hasMessageContaining("--fast");
        List<String> notANumber = new ArrayList<>(REQUIRED);
        notANumber.set(6, "--sink-port=http");
        assertThatThrownBy(() -> FaultsOptions.parse(notANumber.toArray(String[]::new))).hasMessageContaining("--sink-port");
    }
}
