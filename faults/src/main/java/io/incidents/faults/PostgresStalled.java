package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * PostgreSQL frozen for 30 s (SIGSTOP to every PostgreSQL process): connections stay open and
 * nothing answers, as with a storage stall or a network black hole; worse than a refusal, since
 * nothing fails fast unless a timeout says so.
 */
final class PostgresStalled implements Scenario {

    private static final Duration STALL = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "postgres stalled 30 s";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.timersDueSoon();
        context.stack().stallPostgres();
        try {
            FaultContext.pause(STALL);
        } finally {
            context.stack().resumePostgres();
        }
        return Instant.now();
    }
}
