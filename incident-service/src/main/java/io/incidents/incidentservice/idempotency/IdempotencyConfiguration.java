package io.incidents.incidentservice.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    /** On db-scheduler, so one instance at a time deletes what has expired. */
    @Bean
    RecurringTask<Void> expiredIdempotencyKeys(StoredAnswers answers, IdempotencyProperties properties, Clock clock) {
        return Tasks.recurring("expired-idempotency-keys", FixedDelay.of(properties.cleanupInterval()))
                .execute((instance, context) -> {
                    int deleted = answers.deleteCreatedBefore(clock.instant().minus(properties.retention()));
                    log.debug("Deleted {} idempotency keys older than {}", deleted, properties.retention());
                });
    }
}
