package io.incidents.incidentservice.importing;

import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentSource;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.Severity;
import io.incidents.events.StatusPagePhase;
import io.incidents.incidentservice.eventstore.EventMetadata;
import io.incidents.incidentservice.importing.ImportPlan.PlannedCommand;
import io.incidents.incidentservice.importing.ImportPlan.PlannedIncident;
import io.incidents.incidentservice.importing.ImportRequest.PastIncident;
import io.incidents.incidentservice.importing.ImportRequest.PastStep;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AssignRoleCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ChangeSeverityCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompleteRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.FailRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReopenIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.StartRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateIncidentStatusCommand;
import io.incidents.incidentservice.incident.IncidentFields;
import io.incidents.incidentservice.incident.ServiceNames;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks an import request field by field and turns each past incident into the commands the
 * command API would have sent for it, at the historical moments. What only the aggregate knows
 * (a rollback completed twice, a resolution of a resolved incident) is checked by replaying these
 * commands on it ({@link ImportDryRun}). Plain Java: no framework, no clock of its own.
 */
final class ImportPlanner {

    /** Enough to fix a request in one go without an answer of megabytes. */
    static final int MAX_ERRORS = 100;
    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_ACTOR = 200;
    static final int MAX_SERVICES = 50;
    static final int MAX_ROLLBACK_NAME = 100;

    enum StepType {
        ACKNOWLEDGE, SEVERITY, STATUS, ROLE, ROLLBACK_START, ROLLBACK_COMPLETE, ROLLBACK_FAIL, ESCALATE, ACK_OVERDUE,
        RESOLVE, REOPEN, ACTION_ITEM
    }

    private final Instant now;
    private final int maxSteps;
    private final List<ImportError> errors = new ArrayList<>();

    private ImportPlanner(Instant now, int maxSteps) {
        this.now = now;
        this.maxSteps = maxSteps;
    }

    /**
     * The plan of every incident of the request, or {@link ImportRefusedException} with every
     * error found (up to {@value #MAX_ERRORS}).
     *
     * @param now no moment of the past may be later than this
     */
    static List<PlannedIncident> plan(List<PastIncident> incidents, Instant now, int maxStepsPerIncident) {
        ImportPlanner planner = new ImportPlanner(now, maxStepsPerIncident);
        List<PlannedIncident> planned = new ArrayList<>();
        Set<String> externalIds = new HashSet<>();
        for (int i = 0; i < incidents.size() && planner.errors.size() < MAX_ERRORS; i++) {
            PlannedIncident incident = planner.incident(i, incidents.get(i), externalIds);
            if (incident != null) {
                planned.add(incident);
            }
        }
        if (!planner.errors.isEmpty()) {
            throw new ImportRefusedException(planner.errors);
        }
        return planned;
    }

    /** The incident id an external id always gives: a name-based UUID, so a second import finds the first. */
    static String incidentIdFor(String externalId) {
        return UUID.nameUUIDFromBytes(("incident-import:" + externalId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The per-incident walk: the state a step needs from the steps before it (time, rollback names). */
    private final class IncidentWalk {
        final int index;
        final String externalId;
        final String incidentId;
        final List<PlannedCommand> commands = new ArrayList<>();
        final Map<String, String> rollbacks = new HashMap<>();
        String latestRollback;
        String declaredBy;
        Instant previous;
        int errorsBefore = errors.size();

        IncidentWalk(int index, String externalId) {
            this.index = index;
            this.externalId = externalId;
            this.incidentId = externalId == null ? null : incidentIdFor(externalId);
        }

        void error(Integer step, String stepType, String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ImportError(index, externalId, step, stepType, message));
            }
        }

        boolean failed() {
            return errors.size() > errorsBefore;
        }
    }

    private PlannedIncident incident(int index, PastIncident incident, Set<String> externalIds) {
        if (incident == null) {
            errors.add(new ImportError(index, null, null, null, "is null; an incident is an object"));
            return null;
        }
        String externalId = incident.externalId();
        IncidentWalk walk = new IncidentWalk(index, externalId);
        if (isBlank(externalId)) {
            walk.error(null, null, "externalId is required (the incident's id where it comes from)");
        } else if (externalId.length() > MAX_EXTERNAL_ID || hasControlCharacters(externalId)) {
            walk.error(null, null, "externalId must be at most " + MAX_EXTERNAL_ID + " characters, without control characters");
        } else if (!externalIds.add(externalId)) {
            walk.error(null, null, "externalId '" + externalId + "' appears more than once in this request");
        }
        DeclareIncidentCommand declare = declaration(walk, incident);
        List<PastStep> steps = incident.steps();
        if (steps == null || steps.isEmpty()) {
            walk.error(null, null, "steps are required: a past incident is finished, so at least its resolution");
        } else if (steps.size() > maxSteps) {
            walk.error(null, null, "has " + steps.size() + " steps; at most " + maxSteps + " are taken per incident");
        } else {
            for (int s = 0; s < steps.size(); s++) {
                step(walk, s, steps.get(s));
            }
            finished(walk, steps);
        }
        if (walk.failed() || declare == null) {
            return null;
        }
        List<PlannedCommand> commands = new ArrayList<>();
        commands.add(new PlannedCommand(null, null, declare, walk.declaredBy));
        commands.addAll(walk.commands);
        return new PlannedIncident(index, externalId, walk.incidentId, commands);
    }

    private DeclareIncidentCommand declaration(IncidentWalk walk, PastIncident incident) {
        int before = errors.size();
        String title = required(walk, null, null, "title", incident.title(), IncidentFields.SHORT_TEXT);
        optional(walk, null, null, "description", incident.description(), IncidentFields.LONG_TEXT);
        Severity severity = oneOf(walk, null, null, "severity", incident.severity(), Severity.class);
        List<String> services = services(walk, null, null, incident.services());
        IncidentSource source = IncidentSource.manual();
        if (incident.source() != null) {
            String integration = required(walk, null, null, "source.integration", incident.source().integration(), 100);
            String dedupKey = required(walk, null, null, "source.dedupKey", incident.source().dedupKey(), 255);
            source = IncidentSource.alert(integration, dedupKey);
        }
        walk.declaredBy = actor(walk, null, null, incident.declaredBy(), "declaredBy");
        if (incident.declaredAt() == null) {
            walk.error(null, null, "declaredAt is required");
        } else if (incident.declaredAt().isAfter(now)) {
            walk.error(null, null, "declaredAt " + incident.declaredAt() + " is in the future; only past incidents are imported");
        }
        walk.previous = incident.declaredAt();
        if (errors.size() > before || walk.incidentId == null) {
            return null;
        }
        return new DeclareIncidentCommand(walk.incidentId, title, incident.description(), severity, services, source,
                incident.declaredAt(), null, incident.detectedAt());
    }

    private void step(IncidentWalk walk, int s, PastStep step) {
        if (step == null) {
            walk.error(s, null, "is null; a step is an object");
            return;
        }
        StepType type = oneOf(walk, s, null, "type", step.type(), StepType.class);
        if (type == null) {
            return;
        }
        String name = type.name();
        Instant at = step.at();
        if (at == null) {
            walk.error(s, name, "at is required");
        } else if (at.isAfter(now)) {
            walk.error(s, name, "at " + at + " is in the future; only past incidents are imported");
        } else if (walk.previous != null && at.isBefore(walk.previous)) {
            walk.error(s, name, "at " + at + " is before the step before it (" + walk.previous + "); steps come in order");
        }
        if (at != null) {
            walk.previous = at;
        }
        String actor = type == StepType.ACK_OVERDUE ? timer(walk, s, step.by()) : actor(walk, s, name, step.by(), "by");
        int before = errors.size();
        Object command = command(walk, s, name, type, step, at);
        if (errors.size() == before && at != null && actor != null && command != null && walk.incidentId != null) {
            walk.commands.add(new PlannedCommand(s, name, command, actor));
        }
    }

    private Object command(IncidentWalk walk, int s, String name, StepType type, PastStep step, Instant at) {
        String id = walk.incidentId;
        return switch (type) {
            case ACKNOWLEDGE -> new AcknowledgeIncidentCommand(id, step.by(), at);
            case SEVERITY -> new ChangeSeverityCommand(id, oneOf(walk, s, name, "severity", step.severity(), Severity.class),
                    required(walk, s, name, "reason", step.reason(), IncidentFields.LONG_TEXT), at);
            case STATUS -> new UpdateIncidentStatusCommand(id,
                    oneOf(walk, s, name, "status", step.status(), StatusPagePhase.class),
                    required(walk, s, name, "message", step.message(), IncidentFields.LONG_TEXT), at);
            case ROLE -> new AssignRoleCommand(id, oneOf(walk, s, name, "role", step.role(), IncidentRole.class),
                    required(walk, s, name, "person", step.person(), IncidentFields.SHORT_TEXT), at);
            case ROLLBACK_START -> {
                RollbackProcedure procedure = oneOf(walk, s, name, "procedure", step.procedure(), RollbackProcedure.class);
                List<String> services = services(walk, s, name, step.services());
                String target = required(walk, s, name, "targetVersion", step.targetVersion(), IncidentFields.SHORT_TEXT);
                String reason = required(walk, s, name, "reason", step.reason(), IncidentFields.LONG_TEXT);
                yield new StartRollbackCommand(id, startRollback(walk, s, name, step.rollback()), procedure, services,
                        target, reason, at);
            }
            case ROLLBACK_COMPLETE -> new CompleteRollbackCommand(id, rollback(walk, s, name, step.rollback()), at);
            case ROLLBACK_FAIL -> new FailRollbackCommand(id, rollback(walk, s, name, step.rollback()),
                    required(walk, s, name, "reason", step.reason(), IncidentFields.LONG_TEXT), at);
            case ESCALATE -> new EscalateIncidentCommand(id, EscalationReason.MANUAL,
                    optional(walk, s, name, "reason", step.reason(), IncidentFields.LONG_TEXT), at);
            case ACK_OVERDUE -> new EscalateIncidentCommand(id, EscalationReason.ACK_OVERDUE, null, at);
            case RESOLVE -> new ResolveIncidentCommand(id, required(walk, s, name, "summary", step.summary(), IncidentFields.LONG_TEXT),
                    optional(walk, s, name, "rootCause", step.rootCause(), IncidentFields.LONG_TEXT), at);
            case REOPEN -> new ReopenIncidentCommand(id, required(walk, s, name, "reason", step.reason(), IncidentFields.LONG_TEXT), at);
            case ACTION_ITEM -> new AddActionItemCommand(id, id == null ? null : nameUuid(id + "/action-item/" + s),
                    required(walk, s, name, "text", step.text(), IncidentFields.LONG_TEXT),
                    required(walk, s, name, "owner", step.owner(), IncidentFields.SHORT_TEXT), step.due(), at);
        };
    }

    /** A past incident is over: after its last step other than action items (which may follow), it is resolved. */
    private void finished(IncidentWalk walk, List<PastStep> steps) {
        for (int s = steps.size() - 1; s >= 0; s--) {
            PastStep step = steps.get(s);
            if (step == null || step.type() == null || !step.type().equals(StepType.ACTION_ITEM.name())) {
                if (step == null || !StepType.RESOLVE.name().equals(step.type())) {
                    walk.error(s, step == null ? null : step.type(), "the last step other than action items must be a"
                            + " RESOLVE: only finished incidents are imported");
                }
                return;
            }
        }
        walk.error(null, null, "has only action items; a past incident ends with its resolution (RESOLVE)");
    }

    private String startRollback(IncidentWalk walk, int s, String name, String rollback) {
        String key = rollback;
        if (key == null) {
            key = "#" + (walk.rollbacks.size() + 1);
        } else if (isBlank(key) || key.length() > MAX_ROLLBACK_NAME || hasControlCharacters(key)) {
            walk.error(s, name, "rollback must be a name of at most " + MAX_ROLLBACK_NAME + " characters");
            return null;
        } else if (walk.rollbacks.containsKey(key)) {
            walk.error(s, name, "rollback '" + key + "' was started before; each start needs a name of its own");
            return null;
        }
        String rollbackId = walk.incidentId == null ? null : nameUuid(walk.incidentId + "/rollback/" + key);
        walk.rollbacks.put(key, rollbackId);
        walk.latestRollback = rollbackId;
        return rollbackId;
    }

    private String rollback(IncidentWalk walk, int s, String name, String rollback) {
        if (rollback == null) {
            if (walk.latestRollback == null) {
                walk.error(s, name, "no rollback was started before this step");
            }
            return walk.latestRollback;
        }
        String rollbackId = walk.rollbacks.get(rollback);
        if (rollbackId == null) {
            walk.error(s, name, "no rollback '" + rollback + "' was started before this step");
        }
        return rollbackId;
    }

    private String actor(IncidentWalk walk, Integer s, String name, String actor, String field) {
        if (isBlank(actor)) {
            walk.error(s, name, field + " is required (who did it)");
            return null;
        }
        if (actor.length() > MAX_ACTOR || hasControlCharacters(actor)) {
            walk.error(s, name, field + " must be at most " + MAX_ACTOR + " characters, without control characters");
            return null;
        }
        return actor;
    }

    /** The timer's escalation is the system's, as live; a person named for it would be a false record. */
    private String timer(IncidentWalk walk, int s, String by) {
        if (by != null && !by.equals(EventMetadata.SYSTEM_ACTOR)) {
            walk.error(s, StepType.ACK_OVERDUE.name(), "by must be left out: an escalation for a missed acknowledgement"
                    + " is the timer's (actor " + EventMetadata.SYSTEM_ACTOR + ")");
            return null;
        }
        return EventMetadata.SYSTEM_ACTOR;
    }

    private List<String> services(IncidentWalk walk, Integer s, String name, List<String> services) {
        if (services == null || services.isEmpty()) {
            walk.error(s, name, "services are required (at least one)");
            return null;
        }
        if (services.size() > MAX_SERVICES) {
            walk.error(s, name, "services: at most " + MAX_SERVICES);
            return null;
        }
        for (String service : services) {
            if (!ServiceNames.isValid(service)) {
                walk.error(s, name, "services: " + ServiceNames.MESSAGE);
                return null;
            }
        }
        return services;
    }

    private String required(IncidentWalk walk, Integer s, String name, String field, String value, int max) {
        if (isBlank(value)) {
            walk.error(s, name, field + " is required");
            return null;
        }
        return optional(walk, s, name, field, value, max);
    }

    private String optional(IncidentWalk walk, Integer s, String name, String field, String value, int max) {
        if (value != null && value.length() > max) {
            walk.error(s, name, field + " is longer than " + max + " characters");
            return null;
        }
        return value;
    }

    private <E extends Enum<E>> E oneOf(IncidentWalk walk, Integer s, String name, String field, String value, Class<E> type) {
        Map<String, E> values = Arrays.stream(type.getEnumConstants())
                .collect(Collectors.toMap(Enum::name, Function.identity()));
        E parsed = value == null ? null : values.get(value);
        if (parsed == null) {
            walk.error(s, name, field + " must be one of " + String.join(", ", values.keySet().stream().sorted().toList()));
        }
        return parsed;
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
