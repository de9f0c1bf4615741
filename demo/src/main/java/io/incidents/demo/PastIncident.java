package io.incidents.demo;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One past incident as {@code POST /api/v1/admin/imports} takes it (incident-service README). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PastIncident(String externalId, String title, String description, String severity, List<String> services,
                    Source source, Instant declaredAt, String declaredBy, List<Step> steps) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String integration, String dedupKey) {
    }

    /** One step; which fields it uses depends on its type, as in the command API's bodies. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(String type, Instant at, String by, String severity, String reason, String status, String message,
                String role, String person, String rollback, String procedure, List<String> services,
                String targetVersion, String summary, String rootCause, String text, String owner, LocalDate due) {

        private static Step of(String type, Instant at, String by) {
            return new Step(type, at, by, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }

        static Step acknowledge(Instant at, String by) {
            return of("ACKNOWLEDGE", at, by);
        }

        /** The timer's escalation: no person did it. */
        static Step ackOverdue(Instant at) {
            return of("ACK_OVERDUE", at, null);
        }

        static Step escalate(Instant at, String by, String reason) {
            return new Step("ESCALATE", at, by, null, reason, null, null, null, null, null, null, null, null, null, null,
                    null, null, null);
        }

        static Step severity(Instant at, String by, String severity, String reason) {
            return new Step("SEVERITY", at, by, severity, reason, null, null, null, null, null, null, null, null, null, null,
                    null, null, null);
        }

        static Step status(Instant at, String by, String phase, String message) {
            return new Step("STATUS", at, by, null, null, phase, message, null, null, null, null, null, null, null, null,
                    null, null, null);
        }

        static Step role(Instant at, String by, String role, String person) {
            return new Step("ROLE", at, by, null, null, null, null, role, person, null, null, null, null, null, null, null,
                    null, null);
        }

        static Step rollbackStart(Instant at, String by, String rollback, String procedure, List<String> services,
                                  String targetVersion, String reason) {
            return new Step("ROLLBACK_START", at, by, null, reason, null, null, null, null, rollback, procedure, services,
                    targetVersion, null, null, null, null, null);
        }

        static Step rollbackComplete(Instant at, String by, String rollback) {
            return new Step("ROLLBACK_COMPLETE", at, by, null, null, null, null, null, null, rollback, null, null, null,
                    null, null, null, null, null);
        }

        static Step rollbackFail(Instant at, String by, String rollback, String reason) {
            return new Step("ROLLBACK_FAIL", at, by, null, reason, null, null, null, null, rollback, null, null, null,
                    null, null, null, null, null);
        }

        static Step resolve(Instant at, String by, String summary, String rootCause) {
            return new Step("RESOLVE", at, by, null, null, null, null, null, null, null, null, null, null, summary, rootCause,
                    null, null, null);
        }

        static Step reopen(Instant at, String by, String reason) {
            return new Step("REOPEN", at, by, null, reason, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }

        static Step actionItem(Instant at, String by, String text, String owner, LocalDate due) {
            return new Step("ACTION_ITEM", at, by, null, null, null, null, null, null, null, null, null, null, null, null,
                    text, owner, due);
        }
    }
}
