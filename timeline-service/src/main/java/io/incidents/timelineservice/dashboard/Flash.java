package io.incidents.timelineservice.dashboard;

import java.io.Serializable;

/**
 * What the next page says about the action just taken: done, or refused and why. It travels in
 * the session (kept in PostgreSQL), hence serializable.
 */
public record Flash(boolean ok, String text) implements Serializable {
}
