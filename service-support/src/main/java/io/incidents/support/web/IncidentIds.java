package io.incidents.support.web;

/** What an incident id (or rollback id) in a path or query parameter may look like: UUID-like, bounded. */
public final class IncidentIds {

    public static final String PATTERN = "[A-Za-z0-9-]{1,64}";

    private IncidentIds() {
    }
}
