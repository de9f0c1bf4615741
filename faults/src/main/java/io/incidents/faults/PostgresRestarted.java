package io.incidents.faults;

import java.time.Instant;

/** PostgreSQL stopped and started again: every connection of every service is cut. */
final class PostgresRestarted implements Scenario {

    @Override
    public String name() {
        return "postgres restarted";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.timersDueSoon();
        context.stack().stopInfrastructure("postgres");
        Instant back = Instant.now();
        context.stack().startInfrastructure("postgres");
        return back;
    }
}
