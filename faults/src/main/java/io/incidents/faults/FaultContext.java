package io.incidents.faults;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * What a scenario may use to inject its fault.
 *
 * @param stack       starts, stops, kills and stalls the stack's processes
 * @param sinks       the receivers of every notification
 * @param kafka       the broker, for poison records
 * @param databases   the services' databases
 * @param api         the public APIs as the workload's login
 * @param admin       the ADMIN login's Authorization header (replay)
 * @param probes      this scenario's timer probes, to be made due inside the fault
 * @param quick       the short form (CI): shorter outages where the scenario allows
 */
record FaultContext(StackControl stack, Sinks sinks, Kafka kafka, Databases databases, Api api, String admin,
                    TimerProbes probes, boolean quick) {

    /** Makes the probes' timers due a moment from now, inside the fault that follows at once. */
    void timersDueSoon() throws SQLException {
        if (!probes.dueAt(Instant.now().plusSeconds(2))) {
            throw new IllegalStateException("a timer probe had no pending acknowledge deadline to move");
        }
    }

    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
