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
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchOptions.parse("--dashbord=http://localhost:8082")).isInstanceOf(IllegalArgumentException.class);
    }
}
