package io.incidents.bench;

import java.net.URI;

/**
 * Where the stack under test answers.
 *
 * @param incidentService          the command side, for seeding
 * @param timelineService          the read side as deployed (every request needs a login), to see seeded incidents
 * @param anonymousTimelineService a second read-side instance on the same database that also gives callers without
 *                                 a login the VIEWER role: where reads with and without a login are compared
 */
record Targets(URI incidentService, URI timelineService, URI anonymousTimelineService) {
}
