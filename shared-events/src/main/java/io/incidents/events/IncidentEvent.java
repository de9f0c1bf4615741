package io.incidents.events;

import java.time.Instant;

/** Every event of the catalogue: it names its incident and the moment it happened. */
public interface IncidentEvent {

    String incidentId();

    /** When it happened (UTC); not a JSON field of its own, each event names its moment. */
    Instant occurredAt();
}
