package io.incidents.faults;

import java.net.URI;

/**
 * Where the stack under test answers.
 *
 * @param incidentService     the command API and alert ingestion
 * @param timelineService     the read side (and replay)
 * @param notificationService the delivery log
 * @param postgres            {@code host:port} of the PostgreSQL holding every service's database
 * @param kafka               the broker's bootstrap servers
 */
record Targets(URI incidentService, URI timelineService, URI notificationService, String postgres, String kafka) {
}
