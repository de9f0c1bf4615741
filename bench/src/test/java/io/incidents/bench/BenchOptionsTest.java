package io.incidents.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void theDashboardIsTheTimelineServiceUnlessGiven() {
        BenchOptions options = BenchOptions.parse("--quick", "--timeline-service=http://127.0.0.1:8082");

        assertThat(options.profile().name()).isEqualTo("quick");
        assertThat(options.targets().timelineService()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(options.targets().dashboard()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(options.runs("board-render")).isTrue();
    }

    @Test
    void onlyRunsTheWorkloadsNamed() {
        BenchOptions options = BenchOptions.parse("--dashboard=http://localhost:9082", "--only=board-render,dashboard-streams");

        assertThat(options.targets().dashboard()).isEqualTo(URI.create("http://localhost:9082"));
        assertThat(options.runs("board-render")).isTrue();
        assertThat(options.runs("dashboard-streams")).isTrue();
        assertThat(options.runs("authenticated-read")).isFalse();
    }

    @Test
    void whereTheStacksReceiversAndDatabaseAreDefaultsToTheStacksPorts() {
        BenchOptions defaults = BenchOptions.parse();
        assertThat(defaults.targets().sinks()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(defaults.targets().smtp()).isEqualTo("127.0.0.1:2525");
        assertThat(defaults.targets().postgres()).isEqualTo("127.0.0.1:5432");
        assertThat(defaults.targets().kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(defaults.deliveryThreads()).isEqualTo(8);

        BenchOptions moved = BenchOptions.parse("--sinks=http://127.0.0.1:18089", "--smtp=127.0.0.1:12525",
                "--postgres=127.0.0.1:15432", "--kafka=127.0.0.1:19092", "--delivery-threads=32", "--only=notification-throughput");
        assertThat(moved.targets().sinks()).isEqualTo(URI.create("http://127.0.0.1:18089"));
        assertThat(moved.targets().smtp()).isEqualTo("127.0.0.1:12525");
        assertThat(moved.targets().postgres()).isEqualTo("127.0.0.1:15432");
        assertThat(moved.targets().kafka()).isEqualTo("127.0.0.1:19092");
        assertThat(moved.deliveryThreads()).isEqualTo(32);
        assertThat(moved.runs("notification-throughput")).isTrue();
        assertThat(moved.runs("board-render")).isFalse();
    }

    @Test
    void theStacksStartUpTimeAndProcessesAreKnownOnlyWhenGiven() {
        assertThat(BenchOptions.parse().stack()).isEqualTo(StackFacts.UNKNOWN);
        assertThat(BenchOptions.parse("--stack-pids=").stack().processes()).isEmpty();

        StackFacts given = BenchOptions.parse("--startup-seconds=41.5", "--stack-pids=100,200,300").stack();
        assertThat(given.startupSeconds()).isEqualTo(41.5);
        assertThat(given.processes()).containsExactly(100L, 200L, 300L);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchOptions.parse("--dashbord=http://localhost:8082")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parse("--delivery-threads=many")).isInstanceOf(IllegalArgumentException.class);
    }
}
