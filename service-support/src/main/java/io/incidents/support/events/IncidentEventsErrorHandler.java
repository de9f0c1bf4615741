package io.incidents.support.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * How every consumer of {@code incident-events} (and of {@code alerts}) handles a failing record.
 * A record that fails on its own account (unreadable, a constraint violation, a missing field, a
 * template error: see {@link Failures}) is retried a few times with a growing pause, then
 * published to the dead-letter topic and handed to {@code recorder}, and consumption goes on.
 * An outage (the database or the broker unreachable, or any failure while the database does not
 * answer) is retried until it is over: such a record is not bad, and parking it would lose an
 * event.
 */
public final class IncidentEventsErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentEventsErrorHandler.class);

    private IncidentEventsErrorHandler() {
    }

    /**
     * @param databaseReachable asked when a failure is not known to be an outage (a {@link DatabaseProbe})
     */
    public static DefaultErrorHandler create(KafkaTemplate<String, String> kafkaTemplate, String deadLetterTopic,
                                             BiConsumer<ConsumerRecord<?, ?>, Exception> recorder, int poisonRetries,
                                             Duration poisonBackoff, Duration failureBackoff, BooleanSupplier databaseReachable) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.error("Parking record {}-{}@{} on {} after {} tries: {}", record.topic(), record.partition(), record.offset(),
                    deadLetterTopic, poisonRetries + 1, reason(exception));
            publisher.accept(record, exception);
            recorder.accept(record, exception);
        });
        ExponentialBackOffWithMaxRetries poison = new ExponentialBackOffWithMaxRetries(poisonRetries);
        poison.setInitialInterval(poisonBackoff.toMillis());
        poison.setMultiplier(2);
        FixedBackOff untilItWorks = new FixedBackOff(failureBackoff.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
        handler.setBackOffFunction((record, exception) -> {
            if (Failures.isOutage(exception) || !databaseReachable.getAsBoolean()) {
                log.warn("Record {}-{}@{} waits for an outage to end: {}", record.topic(), record.partition(), record.offset(),
                        reason(exception));
                return untilItWorks;
            }
            return poison;
        });
        return handler;
    }

    /** Why a record was parked: an unreadable record's reason, else the innermost failure's type and message. */
    public static String reason(Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && !(cause instanceof PoisonRecordException)) {
            cause = cause.getCause();
        }
        return cause instanceof PoisonRecordException ? String.valueOf(cause.getMessage())
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
