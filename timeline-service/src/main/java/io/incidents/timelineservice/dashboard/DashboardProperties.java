package io.incidents.timelineservice.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the dashboard sends what it does not own: incident commands to incident-service, the
 * delivery log and dead letters to notification-service, API tokens and audit to either.
 *
 * @param incidentServiceUrl     incident-service's base URL, as this service reaches it
 * @param notificationServiceUrl notification-service's base URL
 * @param upstreamTimeout        how long a call to either may take before the page says it is unreachable
 * @param streamTimeout          how long one live stream stays open before the browser reconnects
 * @param liveInterval           how long changes are gathered before open pages are told of them, in one
 *                               event per page however many there were
 */
@ConfigurationProperties("incidents.dashboard")
public record DashboardProperties(
        @DefaultValue("http://localhost:8081") URI incidentServiceUrl,
        @DefaultValue("http://localhost:8083") URI notificationServiceUrl,
        @DefaultValue("10s") Duration upstreamTimeout,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("500ms") Duration liveInterval) {
}
