package io.incidents.incidentservice.incident;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** Cancelling a deadline by id while it fires, or after it is gone, must not refuse the command that cancels it. */
class EscalationDeadlineManagerTest {

    private final Scheduler scheduler = mock(Scheduler.class);
    private final EscalationDeadlineManager manager = new EscalationDeadlineManager(DbSchedulerDeadlineManager.builder()
            .scopeAwareProvider(scope -> Stream.empty())
            .serializer(JacksonSerializer.defaultSerializer())
            .startScheduler(false)
            .stopScheduler(false), scheduler);

    @Test
    void aPendingDeadlineIsCancelledById() {
        manager.cancelSchedule(Incident.ACK_OVERDUE, "d-1");

        verify(scheduler).cancel(new DbSchedulerDeadlineToken("d-1"));
    }

    @Test
    void aDeadlineFiringAtThisMomentIsLeftToFindTheIncidentChanged() {
        doThrow(new TaskInstanceCurrentlyExecutingException("AxonDeadline", "d-1"))
                .when(scheduler).cancel(new DbSchedulerDeadlineToken("d-1"));

        assertThatCode(() -> manager.cancelSchedule(Incident.ACK_OVERDUE, "d-1")).doesNotThrowAnyException();
    }

    @Test
    void aDeadlinePickedInTheMomentOfTheCancelIsLeftAloneToo() {
        Execution execution = new Execution(Instant.parse("2026-11-26T10:15:00Z"), new TaskInstance<>("AxonDeadline", "d-1"));
        doThrow(new ExecutionException("Expected one execution to be removed, but removed 0.", execution))
                .when(scheduler).cancel(new DbSchedulerDeadlineToken("d-1"));

        assertThatCode(() -> manager.cancelSchedule(Incident.ACK_OVERDUE, "d-1")).doesNotThrowAnyException();
    }

    @Test
    void aDeadlineAlreadyGoneIsIgnored() {
        doThrow(new TaskInstanceNotFoundException("AxonDeadline", "d-1"))
                .when(scheduler).cancel(new DbSchedulerDeadlineToken("d-1"));

        assertThatCode(() -> manager.cancelSchedule(Incident.ACK_OVERDUE, "d-1")).doesNotThrowAnyException();
    }

    @Test
    void anyOtherFailureStillFailsTheCommand() {
        doThrow(new IllegalStateException("database gone")).when(scheduler).cancel(new DbSchedulerDeadlineToken("d-1"));

        assertThatThrownBy(() -> manager.cancelSchedule(Incident.ACK_OVERDUE, "d-1")).hasMessage("database gone");
    }
}
