package io.incidents.timelineservice.dashboard.admin;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditMergeTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    private static AuditMerge.Row row(String service, long id, long minutesAgo) {
        return new AuditMerge.Row(service, id, T.minusSeconds(minutesAgo * 60), "ada", "TOKEN_CREATED", null, null, null);
    }

    @Test
    void entriesOfAllServicesAreInterleavedNewestFirst() {
        AuditMerge.Result result = AuditMerge.merge(List.of(
                AuditMerge.Source.answered("timeline-service", List.of(row("timeline-service", 2, 1), row("timeline-service", 1, 30))),
                AuditMerge.Source.answered("incident-service", List.of(row("incident-service", 9, 5))),
                AuditMerge.Source.answered("notification-service", List.of(row("notification-service", 4, 60)))), 10);

        assertThat(result.rows()).extracting(AuditMerge.Row::service)
                .containsExactly("timeline-service", "incident-service", "timeline-service", "notification-service");
        assertThat(result.unavailable()).isEmpty();
        assertThat(result.more()).isFalse();
    }

    @Test
    void onlyTheNewestAreKeptAndThePageIsToldThereAreMore() {
        AuditMerge.Result result = AuditMerge.merge(List.of(
                AuditMerge.Source.answered("timeline-service", List.of(row("timeline-service", 1, 3))),
                AuditMerge.Source.answered("incident-service", List.of(row("incident-service", 2, 1), row("incident-service", 1, 2)))), 2);

        assertThat(result.rows()).extracting(AuditMerge.Row::id).containsExactly(2L, 1L);
        assertThat(result.rows()).extracting(AuditMerge.Row::service).containsOnly("incident-service");
        assertThat(result.more()).isTrue();
    }

    @Test
    void aServiceThatDidNotAnswerIsNamedAndTheOthersAreKept() {
        AuditMerge.Result result = AuditMerge.merge(List.of(
                AuditMerge.Source.answered("timeline-service", List.of(row("timeline-service", 1, 3))),
                AuditMerge.Source.failed("notification-service", "cannot be reached")), 10);

        assertThat(result.rows()).hasSize(1);
        assertThat(result.unavailable()).extracting(AuditMerge.Source::service).containsExactly("notification-service");
    }
}
