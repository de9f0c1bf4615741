package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;

/** kill -9 of a service mid-load (mid-batch for the consumers), then started again as an operator or orchestrator would. */
final class KillService implements Scenario {

    private static final String SENDER = "notification-service";

    private final String service;
    private volatile Instant killedAt;

    KillService(String service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "kill-9 " + service;
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.timersDueSoon();
        context.stack().kill(service);
        killedAt = Instant.now();
        // Long enough for the clients to run into it and for the broker or the scheduler to notice.
        FaultContext.pause(Duration.ofSeconds(5));
        Instant restarted = Instant.now();
        context.stack().start(service);
        return restarted;
    }

    @Override
    public Instant sendsCutOffAt() {
        return service.equals(SENDER) ? killedAt : null;
    }
}
