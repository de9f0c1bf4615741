package io.incidents.events;

public enum IncidentRole {
    INCIDENT_COMMANDER, TECHNICAL_LEAD, COMMUNICATIONS_LEAD, SCRIBE
}
