package io.incidents.incidentservice.relay;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RelayReconciliationConfiguration {

    /**
     * On db-scheduler, so the runs are spread over the instances and held by one at a time; the
     * reconciler's advisory lock keeps a run taken over from a presumed-dead instance from
     * overlapping the one still going.
     */
    @Bean
    RecurringTask<Void> relayReconciliation(RelayReconciler reconciler, RelayProperties properties) {
        return Tasks.recurring("relay-reconciliation", FixedDelay.of(properties.reconcileInterval()))
                .execute((instance, context) -> reconciler.scheduledRun());
    }
}
