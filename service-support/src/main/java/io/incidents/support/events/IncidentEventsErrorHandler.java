package io.incidents.support.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * How every consumer of {@code incident-events} handles a failing record: an unreadable one
 * ({@link PoisonRecordException}) is retried a few times, then published to the dead-letter
 * topic and handed to {@code recorder}, and consumption goes on. Any other failure (the
 * database is down) is retried until it succeeds: such a record is not bad, and dropping it
 * would lose an event.
 */
public final class IncidentEventsErrorHandler {

    private IncidentEventsErrorHandler() {
    }

    public static DefaultErrorHandler create(KafkaTemplate<String, String> kafkaTemplate, String deadLetterTopic,
                                             BiConsumer<ConsumerRecord<?, ?>, Exception> recorder, int poisonRetries,
                                             Duration poisonBackoff, Duration failureBackoff) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            publisher.accept(record, exception);
            recorder.accept(record, exception);
        });
        ExponentialBackOffWithMaxRetries poison = new ExponentialBackOffWithMaxRetries(poisonRetries);
        poison.setInitialInterval(poisonBackoff.toMillis());
        poison.setMultiplier(2);
        FixedBackOff untilItWorks = new FixedBackOff(failureBackoff.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
        handler.setBackOffFunction((record, exception) -> isPoison(exception) ? poison : untilItWorks);
        return handler;
    }

    /** The innermost message of the poison exception, or of the exception itself. */
    public static String reason(Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && !(cause instanceof PoisonRecordException)) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    private static boolean isPoison(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException) {
                return true;
            }
        }
        return false;
    }
}
