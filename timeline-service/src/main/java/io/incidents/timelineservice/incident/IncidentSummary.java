package io.incidents.timelineservice.incident;

import io.incidents.timelineservice.sla.IncidentSla;

/** A stored incident: its view and its SLA clocks as of the last event applied. */
public record IncidentSummary(IncidentView view, IncidentSla sla) {
}
