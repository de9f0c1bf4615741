package io.incidents.support.health;

import org.springframework.boot.actuate.health.Status;

/**
 * A health status for "working, but something needs an operator's eye" (events missing from a
 * sequence, deliveries parked): shown on {@code /actuator/health}, ranked between DOWN and UP,
 * and answered with 200, so a load balancer or a start script never takes a working service out
 * for it. Each service's {@code management.endpoint.health.status} settings rank and map it.
 */
public final class Degraded {

    public static final Status STATUS = new Status("DEGRADED");

    private Degraded() {
    }
}
