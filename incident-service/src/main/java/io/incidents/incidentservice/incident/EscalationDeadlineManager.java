package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline by id while it is
 * firing is not an error. The incident cancels its pending deadlines by id when its timer stops
 * (an acknowledgement, a resolution, the deadline's own escalation); one that is firing at that
 * moment is held by db-scheduler and cannot be removed, and refusing the cancel would refuse the
 * acknowledgement. Left alone, it finds the incident changed and does nothing, or fails on the
 * concurrent change and is tried again, to the same effect. One picked in the very moment of the
 * cancel (db-scheduler's versioned delete then finds no row) is the same case; one already gone
 * is ignored too.
 */
class EscalationDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(EscalationDeadlineManager.class);

    private final Scheduler scheduler;

    EscalationDeadlineManager(Builder builder, Scheduler scheduler) {
        super(builder.scheduler(scheduler));
        this.scheduler = scheduler;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> {
            try {
                scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
            } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException e) {
                log.debug("Deadline {} ({}) is firing or gone; left alone", scheduleId, deadlineName);
            } catch (ExecutionException e) {
                // Picked between db-scheduler's read and its versioned delete: firing now, as above.
                log.debug("Deadline {} ({}) was picked while being cancelled; left alone", scheduleId, deadlineName);
            }
        });
    }
}
