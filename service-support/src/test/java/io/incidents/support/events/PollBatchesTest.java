package io.incidents.support.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PollBatchesTest {

    private final List<ConsumerRecord<String, String>> poll = IntStream.range(0, 5)
            .mapToObj(offset -> new ConsumerRecord<>("incident-events", 0, offset, "incident", "event " + offset))
            .toList();
    /** Every call of the "transaction", and what it committed. */
    private final List<List<Long>> calls = new ArrayList<>();
    private final List<Long> committed = new ArrayList<>();

    @Test
    void aPollIsAppliedInOneGo() {
        PollBatches.apply(poll, this::applyAllOrNothing);

        assertThat(calls).containsExactly(List.of(0L, 1L, 2L, 3L, 4L));
        assertThat(committed).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aRecordFailingOnItsOwnAccountIsNamedAfterThoseBeforeItAreKept() {
        failing = 3L;

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> PollBatches.apply(poll, this::applyAllOrNothing));

        assertThat(failure.getIndex()).isEqualTo(3);
        assertThat(failure.getCause()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(failure.getMessage()).contains("record 3 violates a constraint");
        assertThat(committed).containsExactly(0L, 1L, 2L);
        assertThat(calls).startsWith(List.of(0L, 1L, 2L, 3L, 4L)).contains(List.of(3L)).doesNotContain(List.of(4L));
    }

    @Test
    void anOutageNamesTheFirstRecordAndWritesNothingOneByOne() {
        outage = true;

        assertThatThrownBy(() -> PollBatches.apply(poll, this::applyAllOrNothing))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isZero());
        assertThat(calls).hasSize(1);
        assertThat(committed).isEmpty();
    }

    private Long failing;
    private boolean outage;

    private void applyAllOrNothing(List<ConsumerRecord<String, String>> records) {
        List<Long> offsets = records.stream().map(ConsumerRecord::offset).toList();
        calls.add(offsets);
        if (outage) {
            throw new CannotGetJdbcConnectionException("the database does not answer");
        }
        if (failing != null && offsets.contains(failing)) {
            throw new DataIntegrityViolationException("record " + failing + " violates a constraint");
        }
        committed.addAll(offsets);
    }
}
