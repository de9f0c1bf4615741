package io.incidents.timelineservice.api;

import io.incidents.events.Severity;
import io.incidents.timelineservice.ledger.EventLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code timeline.sla.breaches{severity}}: incidents of the last 30 days with a breached SLA clock. */
@Component
class SlaBreachMetrics implements MeterBinder {

    private static final Duration WINDOW = Duration.ofDays(30);

    private final EventLedger ledger;
    private final Clock clock;

    SlaBreachMetrics(EventLedger liveLedger, Clock clock) {
        this.ledger = liveLedger;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Severity severity : Severity.values()) {
            Gauge.builder("timeline.sla.breaches", () -> {
                        Instant now = clock.instant();
                        return ledger.breachedSince(severity, now.minus(WINDOW), now);
                    })
                    .description("Incidents declared in the last 30 days with a breached acknowledge or resolve target")
                    .tag("severity", severity.name())
                    .register(registry);
        }
    }
}
