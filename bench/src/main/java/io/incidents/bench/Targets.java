package io.incidents.bench;

import java.net.URI;

/**
 * Where the stack under test answers.
 *
 * @param incidentService          the command side, for seeding
 * @param timelineService          the read side as deployed: every request needs a login
 * @param anonymousTimelineService a second read-side instance on the same database that gives callers without a
 *                                 login the VIEWER role: the baseline of what a read costs without authentication
 */
record Targets(URI incidentService, URI timelineService, URI anonymousTimelineService) {
}
