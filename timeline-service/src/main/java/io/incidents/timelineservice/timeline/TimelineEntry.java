package io.incidents.timelineservice.timeline;

import java.time.Instant;

/**
 * One event in an incident's timeline, with the sentence a responder reads.
 *
 * @param internal for responders only, never to be shown publicly: a responder's note (finding or hypothesis)
 */
public record TimelineEntry(long sequence, String eventId, String type, Instant at, String actor, String text,
                            boolean internal) {
}
