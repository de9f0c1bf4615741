package io.incidents.notificationservice.statuspage;

import io.incidents.events.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-memory incidents and posts, as the repository would return them. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");

    private Fixtures() {
    }

    static PublicIncident open(String id, String title, Severity severity, Phase phase, Instant declaredAt,
                               String... components) {
        return new PublicIncident(id, title, severity, List.of(components), phase, declaredAt, null, List.of());
    }

    static PublicIncident resolved(String id, String title, Severity severity, Instant declaredAt, Instant resolvedAt,
                                   String... components) {
        return new PublicIncident(id, title, severity, List.of(components), Phase.RESOLVED, declaredAt, resolvedAt,
                List.of());
    }

    static PublicUpdate update(long id, String incidentId, Phase phase, String message, Instant postedAt) {
        return new PublicUpdate(id, incidentId, phase, message, postedAt);
    }

    static FeedEntry entry(long id, String incidentId, Severity severity, String title, Phase phase, String message,
                           Instant postedAt) {
        return new FeedEntry(id, incidentId, severity, title, phase, message, postedAt);
    }

    static Instant minutesAgo(long minutes) {
        return NOW.minusSeconds(minutes * 60);
    }

    static Instant daysAgo(long days) {
        return NOW.minus(java.time.Duration.ofDays(days));
    }

    static StatusPage page(List<PublicIncident> incidents, List<PublicUpdate> updates) {
        return StatusPage.assemble(incidents, updates, NOW);
    }

    /**
     * The page of incidents a responder has published, each with one post in its phase a minute
     * after its declaration: only incidents with a post are shown (SPEC 6).
     */
    static StatusPage published(PublicIncident... incidents) {
        List<PublicUpdate> posts = new ArrayList<>();
        for (PublicIncident incident : incidents) {
            posts.add(update(1000 + posts.size(), incident.incidentId(), incident.phase(),
                    "An update for customers.", incident.declaredAt().plusSeconds(60)));
        }
        return page(List.of(incidents), posts);
    }
}
