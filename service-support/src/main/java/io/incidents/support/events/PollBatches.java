package io.incidents.support.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.List;
import java.util.function.Consumer;

/**
 * How a batch listener of {@code incident-events} applies a poll: all records together (one
 * transaction, so a few statements and one commit for the lot), and only when one of them fails
 * on its own account, one by one, so that those before it are kept and the error handler
 * ({@link IncidentEventsErrorHandler}) retries and then parks that record alone: it is told its
 * index and hands the rest back afterwards.
 */
public final class PollBatches {

    private PollBatches() {
    }

    /**
     * @param applyTogether applies the records it is given in one transaction, all or nothing
     * @throws BatchListenerFailedException naming the record to retry: the first on an outage
     *                                      (nothing was written, the handler waits it out), else
     *                                      the one that failed on its own
     */
    public static <R extends ConsumerRecord<?, ?>> void apply(List<R> records, Consumer<List<R>> applyTogether) {
        try {
            applyTogether.accept(records);
        } catch (RuntimeException batchFailure) {
            if (Failures.isOutage(batchFailure)) {
                throw new BatchListenerFailedException(IncidentEventsErrorHandler.reason(batchFailure), batchFailure, 0);
            }
            for (int i = 0; i < records.size(); i++) {
                try {
                    applyTogether.accept(List.of(records.get(i)));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException(IncidentEventsErrorHandler.reason(failure), failure, i);
                }
            }
        }
    }
}
