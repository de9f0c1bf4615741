package io.incidents.bench;

import java.net.URI;

/**
 * Where the stack under test answers.
 *
 * @param incidentService          the command side, for seeding and commands
 * @param timelineService          the read side as deployed (every request needs a login), to see seeded incidents
 * @param anonymousTimelineService a second read-side instance on the same database that also gives callers without
 *                                 a login the VIEWER role: where reads with and without a login are compared
 * @param dashboard                the stack's timeline-service again, as browsers reach it: the host and port its
 *                                 OpenID Connect login's redirect URI is registered for ({@code http://localhost:8082}
 *                                 in the stack; the identity provider refuses a login that would return elsewhere)
 */
record Targets(URI incidentService, URI timelineService, URI anonymousTimelineService, URI dashboard) {
}
