package io.incidents.notificationservice.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * What is waiting in the delivery log, read every backlog-check-interval for health and metrics:
 * pending and parked messages, those pending longer than pending-alarm-after, and the age of the
 * oldest pending one. Read on a schedule rather than per request, because {@code /actuator/health}
 * is open to anyone and a scrape should not query the database once per gauge.
 */
@Component
class DeliveryBacklog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBacklog.class);

    /** The backlog at one moment. */
    record Snapshot(DeliveryLog.Backlog backlog, Instant readAt) {

        Duration oldestPendingAge() {
            Instant oldest = backlog.oldestPending();
            return oldest == null || oldest.isAfter(readAt) ? Duration.ZERO : Duration.between(oldest, readAt);
        }
    }

    private final DeliveryLog deliveries;
    private final Clock clock;
    private final DeliveryProperties properties;
    private volatile Snapshot latest;

    DeliveryBacklog(DeliveryLog deliveries, Clock clock, DeliveryProperties properties, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.properties = properties;
        Gauge.builder("notifications.deliveries.pending", this, b -> b.count(DeliveryLog.Backlog::pending))
                .description("Messages waiting to be sent or retried").register(meters);
        Gauge.builder("notifications.deliveries.overdue", this, b -> b.count(DeliveryLog.Backlog::overdue))
                .description("Messages still unsent longer than notifications.delivery.pending-alarm-after after they were recorded")
                .register(meters);
        Gauge.builder("notifications.deliveries.dead", this, b -> b.count(DeliveryLog.Backlog::dead))
                .description("Parked messages (dead letters): failing for longer than give-up-after").register(meters);
        TimeGauge.builder("notifications.deliveries.oldest_pending.age", this, TimeUnit.SECONDS,
                        b -> b.latest == null ? 0 : b.latest.oldestPendingAge().toMillis() / 1000.0)
                .description("How long the oldest pending message has waited since it was recorded").register(meters);
    }

    @Scheduled(fixedDelayString = "${notifications.delivery.backlog-check-interval:15s}")
    void refresh() {
        try {
            Instant now = clock.instant();
            latest = new Snapshot(deliveries.backlog(now.minus(properties.pendingAlarmAfter())), now);
        } catch (RuntimeException e) {
            // Health and metrics keep the last reading; the database's own health shows the outage.
            log.warn("Could not read the delivery backlog: {}", e.toString());
        }
    }

    /** The latest reading, or null before the first one. */
    Snapshot latest() {
        return latest;
    }

    private double count(ToLongFunction<DeliveryLog.Backlog> figure) {
        Snapshot snapshot = latest;
        return snapshot == null ? 0 : figure.applyAsLong(snapshot.backlog());
    }
}
