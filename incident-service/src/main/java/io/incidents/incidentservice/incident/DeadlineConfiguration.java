package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Escalation deadlines on db-scheduler (table {@code scheduled_tasks}), so they survive restarts
 * and fire once across instances. Declared with its concrete type: the db-scheduler task looks
 * the manager up by that type, which Axon's own bean (typed as the interface) does not offer
 * before it is first used. Scheduling is on for {@link DeadlineBacklog}'s reading of them.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeadlineConfiguration {

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, Configuration configuration,
                                               @Qualifier("eventSerializer") Serializer serializer,
                                               TransactionManager transactionManager,
                                               DeadlineManagerSpanFactory spanFactory) {
        return new EscalationDeadlineManager(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // db-scheduler's Spring Boot starter starts and stops the scheduler.
                .startScheduler(false)
                .stopScheduler(false), scheduler);
    }

    /**
     * The task db-scheduler runs for every deadline: Axon's own, under its name and data type,
     * with a failure handler that retries within seconds ({@link DeadlineRetry}) instead of
     * db-scheduler's five minutes. Axon's Spring Boot auto-configuration backs off from a task
     * bean with this qualifier.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ObjectProvider<DbSchedulerDeadlineManager> deadlineManager,
                                                               DeadlineRetryProperties retry, MeterRegistry meters) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask = DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject);
        Counter failures = Counter.builder("incident.deadlines.failures")
                .description("Failed firings of escalation deadlines (each is tried again)").register(meters);
        return Tasks.oneTime(axonTask.getName(), axonTask.getDataClass())
                .onFailure(new CountedFailures<>(failures, new DeadlineRetry<>(retry)))
                .execute((instance, context) -> axonTask.execute(instance, context));
    }
}
