package io.incidents.incidentservice.incident;

import io.incidents.events.ActionItemStatus;
import io.incidents.events.IncidentRole;
import io.incidents.events.MitigationKind;
import io.incidents.events.PostMortemSection;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the command API, each field bounded. */
final class IncidentRequests {

    static final int SHORT_TEXT = IncidentFields.SHORT_TEXT;
    static final int LONG_TEXT = IncidentFields.LONG_TEXT;
    static final int MAX_SERVICES = 50;
    static final int MAX_COMPONENTS = 20;

    private IncidentRequests() {
    }

    record DeclareIncidentRequest(
            @NotBlank @Size(max = SHORT_TEXT) String title,
            @Size(max = LONG_TEXT) String description,
            @NotNull Severity severity,
            @NotEmpty @Size(max = MAX_SERVICES) List<@NotNull @Pattern(regexp = ServiceNames.PATTERN,
                    message = ServiceNames.MESSAGE) String> services,
            @Schema(description = "When the problem was detected (ISO 8601), if before the declaration: the SLA clocks"
                    + " start from it. Clamped into the 24 hours before the declaration, and the given value recorded.")
            Instant detectedAt,
            @Schema(description = "A drill (a simulation): handled as usual by responders, left out of SLA reports,"
                    + " the status page and support.")
            Boolean drill,
            @Schema(description = "The incident type (a runbook: service-outage, performance-degradation,"
                    + " database-connections, high-error-rate, memory-leak, external-provider, security-incident, or"
                    + " one of incidents.runbooks.dir); its checklist comes with it")
            @Size(max = 64) String type) {
    }

    record ChangeSeverityRequest(@NotNull Severity severity, @NotBlank @Size(max = LONG_TEXT) String reason) {
    }

    record UpdateStatusRequest(
            @NotNull StatusPagePhase status,
            @NotBlank @Size(max = LONG_TEXT) String message,
            @Schema(description = "What customers see as the incident's title on the status page (never the internal"
                    + " title); kept until changed. Without one the page says \"Service disruption\".")
            @Size(max = SHORT_TEXT) String publicTitle,
            @Schema(description = "The affected components as customers know them (never internal service names);"
                    + " kept until changed.")
            @Size(max = MAX_COMPONENTS) List<@NotBlank @Size(max = SHORT_TEXT) String> components) {
    }

    record AssignRoleRequest(@NotNull IncidentRole role, @NotBlank @Size(max = SHORT_TEXT) String person) {
    }

    record StartRollbackRequest(
            @NotNull RollbackProcedure procedure,
            @NotEmpty @Size(max = MAX_SERVICES) List<@NotNull @Pattern(regexp = ServiceNames.PATTERN,
                    message = ServiceNames.MESSAGE) String> services,
            @NotBlank @Size(max = SHORT_TEXT) String targetVersion,
            @NotBlank @Size(max = LONG_TEXT) String reason) {
    }

    record FailRollbackRequest(@NotBlank @Size(max = LONG_TEXT) String reason) {
    }

    record EscalateRequest(@Size(max = LONG_TEXT) String reason) {
    }

    record ResolveRequest(@NotBlank @Size(max = LONG_TEXT) String summary, @Size(max = LONG_TEXT) String rootCause) {
    }

    record ReopenRequest(@NotBlank @Size(max = LONG_TEXT) String reason) {
    }

    record AddNoteRequest(@NotBlank @Size(max = LONG_TEXT) String text) {
    }

    record ApplyMitigationRequest(@NotNull MitigationKind kind, @NotBlank @Size(max = LONG_TEXT) String description) {
    }

    record AddActionItemRequest(
            @NotBlank @Size(max = LONG_TEXT) String text,
            @NotBlank @Size(max = SHORT_TEXT) String owner,
            @FutureOrPresent LocalDate due) {
    }

    record WriteSectionRequest(@NotNull PostMortemSection section, @NotBlank @Size(max = LONG_TEXT) String text) {
    }

    /** Only the fields given change; at least one must be. */
    record UpdateActionItemRequest(@Size(min = 1, max = SHORT_TEXT) String owner, LocalDate due, ActionItemStatus status) {

        @AssertTrue(message = "give at least one of owner, due and status")
        boolean isChange() {
            return owner != null || due != null || status != null;
        }
    }

    record SchedulePostMortemRequest(@NotBlank @Size(max = SHORT_TEXT) String owner, @NotNull @Future Instant dueAt) {
    }

    record SetTypeRequest(@NotBlank @Size(max = 64) String type) {
    }

    /** {@code done} defaults to true: ticking is the common case. */
    record TickRequest(Boolean done) {

        boolean ticked() {
            return done == null || done;
        }
    }
}
