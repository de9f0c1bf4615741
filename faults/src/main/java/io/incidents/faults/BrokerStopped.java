package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;

/** The Kafka broker stopped for 20 s, then started again on the same log. */
final class BrokerStopped implements Scenario {

    private static final Duration DOWN = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "broker stopped 20 s";
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.timersDueSoon();
        context.stack().stopInfrastructure("kafka");
        FaultContext.pause(DOWN);
        Instant back = Instant.now();
        context.stack().startInfrastructure("kafka");
        return back;
    }
}
