package io.incidents.bench;

import java.net.URI;

/**
 * Where the stack under test answers.
 *
 * @param incidentService          the command side, for seeding and commands
 * @param timelineService          the read side as deployed (every request needs a login), to see seeded incidents
 * @param anonymousTimelineService a second read-side instance on the same database that also gives callers without
 *                                 a login the VIEWER role: where reads with and without a login are compared
 * @param dashboard                the stack's timeline-service again, as browsers reach it (usually the same URL):
 *                                 its OpenID Connect login returns to this host and port, so the identity provider
 *                                 must have the redirect URI registered for them (local-auth has localhost:8082 and
 *                                 127.0.0.1:8082) or it refuses the login
 * @param sinks                    the stack's webhook sink, where its chat and generic webhooks go
 * @param smtp                     host:port of the stack's SMTP server
 * @param postgres                 host:port of the stack's PostgreSQL (user postgres), to read the delivery log
 * @param kafka                    host:port of the stack's Kafka broker, where replay's baseline reads the topic
 */
record Targets(URI incidentService, URI timelineService, URI anonymousTimelineService, URI dashboard, URI sinks,
               String smtp, String postgres, String kafka) {
}
