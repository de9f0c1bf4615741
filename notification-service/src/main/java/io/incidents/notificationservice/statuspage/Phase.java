package io.incidents.notificationservice.statuspage;

import io.incidents.events.StatusPagePhase;

/**
 * A phase as the status page shows it: the three open phases of {@link StatusPagePhase} plus
 * RESOLVED, which the events model as a separate event but the public reads as the last phase.
 * Declaration order is the order open incidents are grouped in on the page.
 */
enum Phase {
    INVESTIGATING("Investigating"),
    IDENTIFIED("Identified"),
    MONITORING("Monitoring"),
    RESOLVED("Resolved");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The phase of an open incident; one that never posted a phase is being investigated. */
    static Phase of(StatusPagePhase phase) {
        return phase == null ? INVESTIGATING : valueOf(phase.name());
    }
}
