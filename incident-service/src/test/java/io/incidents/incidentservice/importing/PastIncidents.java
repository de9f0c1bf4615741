package io.incidents.incidentservice.importing;

import io.incidents.incidentservice.importing.ImportRequest.PastIncident;
import io.incidents.incidentservice.importing.ImportRequest.PastStep;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders of import requests for tests: a step of each type with the fields it needs. */
final class PastIncidents {

    private PastIncidents() {
    }

    static PastIncident incident(String externalId, String severity, Instant declaredAt, PastStep... steps) {
        return new PastIncident(externalId, "Checkout failing", "HTTP 500 on /pay", severity, List.of("checkout"), null,
                declaredAt, "dana", new ArrayList<>(Arrays.asList(steps)));
    }

    static PastStep step(String type, Instant at, String by) {
        return new PastStep(type, at, by, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    static PastStep acknowledge(Instant at) {
        return step("ACKNOWLEDGE", at, "dana");
    }

    static PastStep severity(Instant at, String severity) {
        return new PastStep("SEVERITY", at, "dana", severity, "all regions", null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    static PastStep status(Instant at, String phase, String message) {
        return new PastStep("STATUS", at, "dana", null, null, phase, message, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static PastStep role(Instant at, String role, String person) {
        return new PastStep("ROLE", at, "dana", null, null, null, null, role, person, null, null, null, null, null, null,
                null, null, null);
    }

    static PastStep rollbackStart(Instant at, String name, String procedure) {
        return new PastStep("ROLLBACK_START", at, "dana", null, "bad deploy", null, null, null, null, name, procedure,
                List.of("checkout"), "v1.4.2", null, null, null, null, null);
    }

    static PastStep rollbackComplete(Instant at, String name) {
        return new PastStep("ROLLBACK_COMPLETE", at, "dana", null, null, null, null, null, null, name, null, null, null,
                null, null, null, null, null);
    }

    static PastStep rollbackFail(Instant at, String name) {
        return new PastStep("ROLLBACK_FAIL", at, "dana", null, "health checks failing", null, null, null, null, name, null,
                null, null, null, null, null, null, null);
    }

    static PastStep escalate(Instant at) {
        return new PastStep("ESCALATE", at, "dana", null, "customers calling", null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    static PastStep ackOverdue(Instant at) {
        return step("ACK_OVERDUE", at, null);
    }

    static PastStep resolve(Instant at) {
        return new PastStep("RESOLVE", at, "dana", null, null, null, null, null, null, null, null, null, null,
                "Rolled back", "unreviewed config change", null, null, null);
    }

    static PastStep reopen(Instant at) {
        return new PastStep("REOPEN", at, "dana", null, "errors are back", null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    static PastStep actionItem(Instant at, LocalDate due) {
        return new PastStep("ACTION_ITEM", at, "dana", null, null, null, null, null, null, null, null, null, null, null,
                null, "Add a canary stage", "carol", due);
    }
}
