package io.incidents.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * Every notification channel failing (webhooks answer 503, the SMTP server is down) for 10
 * minutes, 1 minute in the quick form, then working again: every message must still arrive, once.
 */
final class ChannelsDown implements Scenario {

    private final Duration down;

    ChannelsDown(boolean quick) {
        this.down = quick ? Duration.ofMinutes(1) : Duration.ofMinutes(10);
    }

    @Override
    public String name() {
        return "channels failing " + (down.toMinutes() == 1 ? "1 min" : down.toMinutes() + " min");
    }

    @Override
    public Instant inject(FaultContext context) throws Exception {
        context.timersDueSoon();
        context.sinks().failing(true);
        try {
            FaultContext.pause(down);
        } finally {
            context.sinks().failing(false);
        }
        return Instant.now();
    }

    /**
     * The workload runs through the whole outage; at the usual rate ten minutes would pile up some
     * 50,000 messages. About 2,000 operations over the outage keep the backlog a few minutes' work.
     */
    @Override
    public int operationsPerSecond(int usual) {
        return (int) Math.max(1, Math.min(usual, 2_000 / down.toSeconds()));
    }

    /** A message that failed for the whole outage waits out its backoff (capped at 5 min) before it goes. */
    @Override
    public Duration patience() {
        return Duration.ofMinutes(9);
    }
}
