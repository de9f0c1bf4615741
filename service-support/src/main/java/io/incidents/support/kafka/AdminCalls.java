package io.incidents.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Admin requests with a bounded wait: a broker that does not answer within {@link #PATIENCE} is
 * reported as unreachable (try again later) instead of holding a start-up for the client's
 * default minute.
 */
final class AdminCalls {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private AdminCalls() {
    }

    /** The topic as the broker describes it; empty when it does not exist. */
    static Optional<TopicDescription> describe(Admin admin, String topic) throws BrokerUnreachableException {
        try {
            return Optional.of(await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic));
        } catch (UnknownTopicOrPartitionException e) {
            return Optional.empty();
        }
    }

    /**
     * The future's value. The two answers a caller acts on, an unknown topic and a topic that
     * exists already, are thrown as themselves; any other failure, or no answer in time, means
     * the broker cannot be relied on now.
     */
    static <T> T await(KafkaFuture<T> future) throws BrokerUnreachableException {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException unknown) {
                throw unknown;
            }
            if (e.getCause() instanceof TopicExistsException exists) {
                throw exists;
            }
            throw new BrokerUnreachableException(e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnreachableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(e);
        }
    }
}
