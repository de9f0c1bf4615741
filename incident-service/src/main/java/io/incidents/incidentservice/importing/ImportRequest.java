package io.incidents.incidentservice.importing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/v1/admin/imports}: past incidents, each its declaration and the
 * ordered steps that followed it, every step with its moment and who did it. Enum-like fields are
 * text here, so that a wrong value is refused naming the incident and step it is in.
 */
record ImportRequest(List<PastIncident> incidents) {

    /**
     * @param externalId  the caller's id of the incident (its id in the system it comes from): the same
     *                    external id always gives the same incident id, so importing again changes nothing
     * @param source      optional: the alert stream it came from; without it, declared by hand
     * @param declaredBy  who declared it
     * @param steps       what happened next, in order; the last one other than action items is a resolution
     * @param detectedAt  optional: when the problem was detected, if before the declaration (SPEC 4's clocks start there)
     */
    record PastIncident(String externalId, String title, String description, String severity, List<String> services,
                        Source source, Instant declaredAt, String declaredBy, List<PastStep> steps, Instant detectedAt) {

        PastIncident(String externalId, String title, String description, String severity, List<String> services,
                     Source source, Instant declaredAt, String declaredBy, List<PastStep> steps) {
            this(externalId, title, description, severity, services, source, declaredAt, declaredBy, steps, null);
        }
    }

    record Source(String integration, String dedupKey) {
    }

    /**
     * One step; {@code type} says which of the other fields it uses (the bodies of the command API):
     * ACKNOWLEDGE; SEVERITY (severity, reason); STATUS (status, message); ROLE (role, person);
     * ROLLBACK_START (rollback, procedure, services, targetVersion, reason); ROLLBACK_COMPLETE (rollback);
     * ROLLBACK_FAIL (rollback, reason); ESCALATE (reason); ACK_OVERDUE (the timer's escalation: no
     * other field, actor {@code system}); RESOLVE (summary, rootCause); REOPEN (reason);
     * ACTION_ITEM (text, owner, due).
     *
     * @param rollback the caller's name for a rollback within the incident; without it, a start
     *                 is named by its order and a completion or failure is the latest started rollback's
     */
    record PastStep(String type, Instant at, String by, String severity, String reason, String status, String message,
                    String role, String person, String rollback, String procedure, List<String> services,
                    String targetVersion, String summary, String rootCause, String text, String owner, LocalDate due) {
    }
}
