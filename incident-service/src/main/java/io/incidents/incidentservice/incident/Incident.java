package io.incidents.incidentservice.incident;

import io.incidents.events.ActionItemOverdue;
import io.incidents.events.ActionItemStatus;
import io.incidents.events.ActionItemUpdated;
import io.incidents.events.AlertReceived;
import io.incidents.events.AlertRecommendation;
import io.incidents.events.ChecklistItemTicked;
import io.incidents.events.DecisionOverdue;
import io.incidents.events.EscalationReason;
import io.incidents.events.IncidentAcknowledged;
import io.incidents.events.IncidentDeclared;
import io.incidents.events.IncidentEscalated;
import io.incidents.events.IncidentNoteAdded;
import io.incidents.events.IncidentReopened;
import io.incidents.events.IncidentResolved;
import io.incidents.events.IncidentRole;
import io.incidents.events.IncidentStatusUpdated;
import io.incidents.events.IncidentTypeSet;
import io.incidents.events.MitigationApplied;
import io.incidents.events.PostMortemActionItemAdded;
import io.incidents.events.PostMortemCompleted;
import io.incidents.events.PostMortemOverdue;
import io.incidents.events.PostMortemScheduled;
import io.incidents.events.PostMortemSection;
import io.incidents.events.PostMortemSectionWritten;
import io.incidents.events.RoleAssigned;
import io.incidents.events.RollbackCompleted;
import io.incidents.events.RollbackFailed;
import io.incidents.events.RollbackOverran;
import io.incidents.events.RollbackProcedure;
import io.incidents.events.RollbackStarted;
import io.incidents.events.Severity;
import io.incidents.events.SeverityChanged;
import io.incidents.policy.Detection;
import io.incidents.policy.EscalationPolicy;
import io.incidents.policy.Recommendation;
import io.incidents.policy.RollbackChecklists;
import io.incidents.policy.RollbackDurations;
import io.incidents.policy.SlaPolicy;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AddNoteCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ApplyMitigationCommand;
import io.incidents.incidentservice.incident.IncidentCommands.AssignRoleCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ChangeSeverityCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompletePostMortemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.CompleteRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.EscalateIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.FailRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReceiveAlertCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReopenIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.RunbookChoice;
import io.incidents.incidentservice.incident.IncidentCommands.SchedulePostMortemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.SetIncidentTypeCommand;
import io.incidents.incidentservice.incident.IncidentCommands.StartRollbackCommand;
import io.incidents.incidentservice.incident.IncidentCommands.TickChecklistItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateActionItemCommand;
import io.incidents.incidentservice.incident.IncidentCommands.UpdateIncidentStatusCommand;
import io.incidents.incidentservice.incident.IncidentCommands.WritePostMortemSectionCommand;
import io.incidents.incidentservice.eventstore.EventMetadata;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One incident, rebuilt from its events. Command handlers check every rule before applying
 * an event; event-sourcing handlers only set state. Repeating something that already happened
 * (a second acknowledgement, the same severity) is a no-op, not an error; resolving a resolved
 * incident is refused (409), as the command API promises, since it would record a second resolution.
 * Commands of an import of past incidents ({@link EventMetadata#IMPORTED}) follow the same rules
 * but arm no timer: their deadlines are long gone, and whatever they caused is in the imported history.
 */
@Aggregate
public class Incident {

    private enum RollbackState { RUNNING, COMPLETED, FAILED }

    /** The deadline scope of acknowledgement escalations; at most one of them matters at a time. */
    static final String ACK_OVERDUE = "ack-overdue";

    /** Due when the incident has gone unacknowledged too long; the due moment is the escalation's time. */
    public record AckOverdue(Instant dueAt) {
    }

    /** The deadline of a decision-matrix recommendation's "decide by" moment (SPEC 5). */
    static final String DECISION_DUE = "decision-due";

    public record DecisionDue(Recommendation recommendation, Instant decideBy) {
    }

    /** The deadline of a rollback's expected upper bound (SPEC 5). */
    static final String ROLLBACK_OVERRUN = "rollback-overrun";

    public record RollbackOverrunDue(String rollbackId, Instant dueAt) {
    }

    /** The post-mortem's due time (SPEC 7: within 24-48 h of resolution). */
    static final String POST_MORTEM_DUE = "post-mortem-due";
    /** When nobody scheduled it, a post-mortem is due this long after the resolution (the plan's upper bound). */
    static final Duration POST_MORTEM_WITHIN = Duration.ofHours(48);

    public record PostMortemDue(Instant dueAt) {
    }

    /** The end of an action item's due date. */
    static final String ACTION_ITEM_DUE = "action-item-due";

    public record ActionItemDue(String actionItemId, LocalDate dueDate) {
    }

    /** An action item as far as its reminders need it. */
    private record ActionItem(String owner, LocalDate due, ActionItemStatus status) {
    }

    /** A moment from which the acknowledge timer runs, at the ack interval of the severity set then. */
    private record AckClock(Instant from, Severity severity) {
    }

    @AggregateIdentifier
    private String incidentId;
    private Severity severity;
    private boolean acknowledged;
    private boolean resolved;
    private int escalationLevel;
    private Instant lastAckOverdueAt;
    private String runningRollbackId;
    private final Map<String, RollbackState> rollbacks = new HashMap<>();
    private final Map<String, RollbackProcedure> rollbackProcedures = new HashMap<>();
    private final Map<IncidentRole, String> roles = new EnumMap<>(IncidentRole.class);
    private final Set<String> noteIds = new HashSet<>();
    private String type;
    /** A responder chose the type (an alert's suggestion does not count). */
    private boolean typeChosen;
    private Set<String> runbookItems = Set.of();
    private final Map<String, Map<String, Boolean>> ticks = new HashMap<>();
    private Instant resolvedAt;
    /** The post-mortem's due time set by a responder; null: {@link #POST_MORTEM_WITHIN} after the resolution. */
    private Instant postMortemScheduledDue;
    private String postMortemOwner;
    private boolean postMortemCompleted;
    private final Set<Instant> postMortemsReminded = new HashSet<>();
    private final Map<PostMortemSection, String> sections = new EnumMap<>(PostMortemSection.class);
    private final Map<String, ActionItem> actionItems = new HashMap<>();
    private final Set<ActionItemDue> actionItemsReminded = new HashSet<>();
    /** The latest recommendation recorded, so a repeat alert with the same advice arms no second reminder. */
    private Recommendation lastRecommendation;
    private final Set<Instant> decisionsReminded = new HashSet<>();
    private final Set<String> rollbacksOverran = new HashSet<>();
    private final Set<String> mitigationIds = new HashSet<>();
    /** Where the pending acknowledge escalations run from, as the timers would have been set (SPEC 4). */
    private final List<AckClock> ackClocks = new ArrayList<>();
    /** The acknowledge deadlines armed and not yet stopped, so they are cancelled by id. */
    private final AckDeadlines ackDeadlines = new AckDeadlines();

    protected Incident() {
        // for Axon: rebuilt from events
    }

    /**
     * The acknowledge timer runs from detection (SPEC 4), so an alert that fired minutes before it
     * reached us escalates that much sooner. A deadline that passed before the declaration falls due
     * at the declaration: one level up at once, the next a whole interval later, rather than every
     * level paged in the same second for an alert that sat in a queue. A SEV4 arms no timer: the
     * plan logs and fixes it.
     */
    @CommandHandler
    public Incident(DeclareIncidentCommand command, SlaPolicy slaPolicy, DeadlineManager deadlines, MetaData metaData) {
        Detection detection = Detection.of(command.detectedAt(), command.at());
        String deadlineId = null;
        if (!EventMetadata.isImported(metaData) && escalatesByTimer(command.severity(),
                EscalationPolicy.DEFAULT.levelAtDeclaration(command.severity()))) {
            // The aggregate does not exist before its first event, so its scope is named here.
            ScopeDescriptor scope = new AggregateScopeDescriptor(Incident.class.getSimpleName(), command.incidentId());
            Instant dueAt = latest(detection.detectedAt().plus(slaPolicy.targetFor(command.severity()).acknowledgeWithin()),
                    command.at());
            deadlineId = deadlines.schedule(dueAt, ACK_OVERDUE, new AckOverdue(dueAt), scope);
        }
        if (!EventMetadata.isImported(metaData)) {
            armDecisionReminder(deadlines, command.recommendation(),
                    new AggregateScopeDescriptor(Incident.class.getSimpleName(), command.incidentId()));
        }
        apply(new IncidentDeclared(command.incidentId(), command.title(), command.description(), command.severity(),
                command.services(), command.source(), command.at(), command.recommendation(), detection.detectedAt(),
                detection.asGiven(), command.drill()), AckDeadlines.declaredWith(deadlineId));
        if (command.type() != null) {
            applyType(command.incidentId(), command.type(), command.at());
        }
    }

    private static void applyType(String incidentId, RunbookChoice type, Instant at) {
        apply(new IncidentTypeSet(incidentId, type.type(), type.title(), type.checklist(), type.suggested(), at));
    }

    /** The type (and its runbook's checklist) chosen by a responder; an alert's suggestion never replaces a choice. */
    @CommandHandler
    public void handle(SetIncidentTypeCommand command) {
        if (command.type().type().equals(type) || command.type().suggested() && typeChosen) {
            return;
        }
        applyType(incidentId, command.type(), command.at());
    }

    /** Ticks or unticks a runbook or rollback checklist item; also after resolution (the verification may end later). */
    @CommandHandler
    public void handle(TickChecklistItemCommand command) {
        if (!checklistItems(command.checklist()).contains(command.itemId())) {
            throw new IncidentException(ErrorCode.CHECKLIST_ITEM_NOT_FOUND,
                    "The checklist " + command.checklist() + " has no item " + command.itemId() + ".");
        }
        Map<String, Boolean> ticked = ticks.getOrDefault(command.checklist(), Map.of());
        if (ticked.getOrDefault(command.itemId(), false) == command.done()) {
            return;
        }
        apply(new ChecklistItemTicked(incidentId, command.checklist(), command.itemId(), command.done(), command.tickedBy(),
                command.at()));
    }

    /** The item ids of a checklist of this incident: its runbook's, or a started rollback's (before, steps, verification). */
    private Set<String> checklistItems(String checklist) {
        if (IncidentTypeSet.RUNBOOK_CHECKLIST.equals(checklist)) {
            return runbookItems;
        }
        for (Map.Entry<String, RollbackProcedure> rollback : rollbackProcedures.entrySet()) {
            if (ChecklistItemTicked.rollbackChecklist(rollback.getKey()).equals(checklist)) {
                Set<String> ids = new HashSet<>();
                RollbackChecklists.all(rollback.getValue()).forEach(item -> ids.add(item.id()));
                return ids;
            }
        }
        return Set.of();
    }

    /** A recommendation with a time to decide by is a deadline (SPEC 5); FIX_FORWARD has none. */
    private static void armDecisionReminder(DeadlineManager deadlines, AlertRecommendation recommendation,
                                            ScopeDescriptor scope) {
        if (recommendation != null && recommendation.decideBy() != null) {
            DecisionDue due = new DecisionDue(recommendation.recommendation(), recommendation.decideBy());
            if (scope == null) {
                deadlines.schedule(recommendation.decideBy(), DECISION_DUE, due);
            } else {
                deadlines.schedule(recommendation.decideBy(), DECISION_DUE, due, scope);
            }
        }
    }

    /**
     * The decide-by moment passed: the current levels are reminded unless a rollback has started
     * or the incident is resolved. A stale or repeated firing changes nothing.
     */
    @DeadlineHandler(deadlineName = DECISION_DUE)
    public void on(DecisionDue due) {
        if (resolved || !rollbacks.isEmpty() || decisionsReminded.contains(due.decideBy())) {
            return;
        }
        apply(new DecisionOverdue(incidentId, due.recommendation(), due.decideBy()),
                MetaData.with(EventMetadata.ACTOR, EventMetadata.SYSTEM_ACTOR));
    }

    /** The rollback's expected upper bound passed: marked and told once, if it still runs and the incident is open. */
    @DeadlineHandler(deadlineName = ROLLBACK_OVERRUN)
    public void on(RollbackOverrunDue due) {
        if (resolved || rollbacks.get(due.rollbackId()) != RollbackState.RUNNING || rollbacksOverran.contains(due.rollbackId())) {
            return;
        }
        RollbackProcedure procedure = rollbackProcedures.get(due.rollbackId());
        apply(new RollbackOverran(incidentId, due.rollbackId(), procedure, RollbackDurations.DEFAULT.expectedFor(procedure).max(),
                due.dueAt()), MetaData.with(EventMetadata.ACTOR, EventMetadata.SYSTEM_ACTOR));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Whether an unacknowledged incident of this severity, told up to {@code level}, climbs by timer (SPEC 4). */
    private static boolean escalatesByTimer(Severity severity, int level) {
        return severity != Severity.SEV4 && level < EscalationPolicy.MAX_LEVEL;
    }

    @CommandHandler
    public void handle(AcknowledgeIncidentCommand command, DeadlineManager deadlines) {
        requireOpen("acknowledged");
        if (acknowledged) {
            return;
        }
        ackDeadlines.cancelAll(deadlines);
        apply(new IncidentAcknowledged(incidentId, command.acknowledgedBy(), command.at()));
    }

    /**
     * A raise tells the new severity's levels at once (in the state) and, while nobody has
     * acknowledged, brings the next escalation closer if the new target runs out sooner. The
     * earlier of the pending deadlines fires first and cancels the other; a lowering relaxes nothing.
     */
    @CommandHandler
    public void handle(ChangeSeverityCommand command, SlaPolicy slaPolicy, DeadlineManager deadlines, MetaData metaData) {
        requireOpen("have its severity changed");
        if (command.severity() == severity) {
            return;
        }
        boolean raise = command.severity().isMoreSevereThan(severity);
        MetaData armed = MetaData.emptyInstance();
        if (raise && !acknowledged && !EventMetadata.isImported(metaData)) {
            int levelAfter = Math.max(escalationLevel, EscalationPolicy.DEFAULT.levelAtDeclaration(command.severity()));
            if (!escalatesByTimer(command.severity(), levelAfter)) {
                ackDeadlines.cancelAll(deadlines);
            } else {
                armed = armAckOverdue(deadlines, command.at().plus(slaPolicy.targetFor(command.severity()).acknowledgeWithin()));
            }
        }
        apply(new SeverityChanged(incidentId, severity, command.severity(), command.reason(), command.at()), armed);
    }

    /**
     * Not acknowledged in time: one level up, and again after each further acknowledge interval
     * of the current severity, up to the highest level. A deadline that is stale (acknowledged or
     * resolved since, or already handled) changes nothing.
     */
    @DeadlineHandler(deadlineName = ACK_OVERDUE)
    public void on(AckOverdue overdue, SlaPolicy slaPolicy, DeadlineManager deadlines) {
        // A deadline in force fires even after a lowering to SEV4 (lowering relaxes nothing, SPEC 4);
        // only the next one is not armed then.
        if (acknowledged || resolved || escalationLevel >= EscalationPolicy.MAX_LEVEL
                || overdue.dueAt().equals(lastAckOverdueAt)) {
            return;
        }
        // The other one pending after a raise, if any; this one is firing and is left to the manager.
        ackDeadlines.cancelAll(deadlines);
        int level = escalationLevel + 1;
        MetaData metaData = MetaData.with(EventMetadata.ACTOR, EventMetadata.SYSTEM_ACTOR);
        if (escalatesByTimer(severity, level)) {
            metaData = metaData.mergedWith(armAckOverdue(deadlines,
                    overdue.dueAt().plus(slaPolicy.targetFor(severity).acknowledgeWithin())));
        }
        apply(new IncidentEscalated(incidentId, level, EscalationReason.ACK_OVERDUE, null, overdue.dueAt()), metaData);
    }

    /** Schedules an acknowledge escalation; the answer goes in the metadata of the event that armed it. */
    private static MetaData armAckOverdue(DeadlineManager deadlines, Instant dueAt) {
        return AckDeadlines.armed(deadlines.schedule(dueAt, ACK_OVERDUE, new AckOverdue(dueAt)));
    }

    /**
     * The same alert again: recorded, and a more severe alert raises the incident as a responder's
     * raise would. A resolved incident refuses: the alert belongs to a new incident.
     */
    @CommandHandler
    public void handle(ReceiveAlertCommand command, SlaPolicy slaPolicy, DeadlineManager deadlines, MetaData metaData) {
        requireOpen("take alerts");
        if (command.recommendation() != null && command.recommendation().recommendation() != lastRecommendation
                && !EventMetadata.isImported(metaData)) {
            armDecisionReminder(deadlines, command.recommendation(), null);
        }
        apply(new AlertReceived(incidentId, command.integration(), command.dedupKey(), command.summary(),
                command.alertSeverity(), command.at(), command.recommendation()));
        if (command.alertSeverity() != null && command.alertSeverity().isMoreSevereThan(severity)) {
            handle(new ChangeSeverityCommand(incidentId, command.alertSeverity(),
                    "alert " + command.dedupKey() + " from " + command.integration() + " is " + command.alertSeverity(),
                    command.at()), slaPolicy, deadlines, metaData);
        }
    }

    @CommandHandler
    public void handle(UpdateIncidentStatusCommand command) {
        requireOpen("get a status update");
        apply(new IncidentStatusUpdated(incidentId, command.phase(), command.message(), command.at(), command.publicTitle(),
                command.components()));
    }

    @CommandHandler
    public void handle(AssignRoleCommand command) {
        requireOpen("have roles assigned");
        if (command.person().equals(roles.get(command.role()))) {
            return;
        }
        apply(new RoleAssigned(incidentId, command.role(), command.person(), command.at()));
    }

    @CommandHandler
    public void handle(StartRollbackCommand command, DeadlineManager deadlines, MetaData metaData) {
        requireOpen("start a rollback");
        if (rollbacks.containsKey(command.rollbackId())) {
            return;
        }
        if (runningRollbackId != null) {
            throw new IncidentException(ErrorCode.ROLLBACK_ALREADY_RUNNING,
                    "Rollback " + runningRollbackId + " is still running; complete or fail it first.");
        }
        if (!EventMetadata.isImported(metaData)) {
            Instant dueAt = command.at().plus(RollbackDurations.DEFAULT.expectedFor(command.procedure()).max());
            deadlines.schedule(dueAt, ROLLBACK_OVERRUN, new RollbackOverrunDue(command.rollbackId(), dueAt));
        }
        apply(new RollbackStarted(incidentId, command.rollbackId(), command.procedure(), command.services(),
                command.targetVersion(), command.reason(), command.at()));
    }

    @CommandHandler
    public void handle(CompleteRollbackCommand command) {
        RollbackState state = rollback(command.rollbackId());
        if (state == RollbackState.COMPLETED) {
            return;
        }
        requireRunning(command.rollbackId(), state);
        apply(new RollbackCompleted(incidentId, command.rollbackId(), command.at()));
    }

    @CommandHandler
    public void handle(FailRollbackCommand command) {
        RollbackState state = rollback(command.rollbackId());
        if (state == RollbackState.FAILED) {
            return;
        }
        requireRunning(command.rollbackId(), state);
        apply(new RollbackFailed(incidentId, command.rollbackId(), command.reason(), command.at()));
    }

    /**
     * One level up. By hand at any time below the highest level; for a missed acknowledgement
     * (only ever sent by an import: live, the timer does it) only what the timer would have done:
     * while nobody has acknowledged, and not before the acknowledge deadline had passed.
     */
    @CommandHandler
    public void handle(EscalateIncidentCommand command, SlaPolicy slaPolicy, DeadlineManager deadlines) {
        requireOpen("be escalated");
        if (escalationLevel >= EscalationPolicy.MAX_LEVEL) {
            throw new IncidentException(ErrorCode.ESCALATION_AT_HIGHEST_LEVEL,
                    "The incident is already escalated to the highest level (" + EscalationPolicy.MAX_LEVEL + ").");
        }
        if (command.reason() == EscalationReason.ACK_OVERDUE) {
            if (acknowledged) {
                throw new IncidentException(ErrorCode.ESCALATION_NOT_OVERDUE,
                        "The incident was acknowledged, so no acknowledgement can be overdue.");
            }
            // As live: a deadline armed at a higher severity still falls due after a lowering, but
            // a SEV4 arms none of its own.
            if (ackClocks.stream().allMatch(clock -> clock.severity() == Severity.SEV4)) {
                throw new IncidentException(ErrorCode.ESCALATION_NOT_OVERDUE,
                        "A SEV4 incident is never escalated for a missed acknowledgement; escalate it by hand.");
            }
            Instant dueAt = ackDueAt(slaPolicy);
            if (command.at().isBefore(dueAt)) {
                throw new IncidentException(ErrorCode.ESCALATION_NOT_OVERDUE,
                        "The acknowledgement was not overdue before " + dueAt + ".");
            }
            apply(new IncidentEscalated(incidentId, escalationLevel + 1, EscalationReason.ACK_OVERDUE, null, command.at()),
                    MetaData.with(EventMetadata.ACTOR, EventMetadata.SYSTEM_ACTOR));
        } else {
            apply(new IncidentEscalated(incidentId, escalationLevel + 1, EscalationReason.MANUAL, command.note(), command.at()));
        }
        if (escalationLevel >= EscalationPolicy.MAX_LEVEL) {
            ackDeadlines.cancelAll(deadlines);
        }
    }

    /** When the next acknowledge escalation falls due: the earliest of the running clocks. */
    private Instant ackDueAt(SlaPolicy slaPolicy) {
        return ackClocks.stream()
                .map(clock -> clock.from().plus(slaPolicy.targetFor(clock.severity()).acknowledgeWithin()))
                .min(Instant::compareTo)
                .orElseThrow();
    }

    @CommandHandler
    public void handle(ResolveIncidentCommand command, DeadlineManager deadlines, MetaData metaData) {
        requireOpen("be resolved again");
        ackDeadlines.cancelAll(deadlines);
        if (!EventMetadata.isImported(metaData) && !postMortemCompleted && postMortemScheduledDue == null) {
            Instant dueAt = command.at().plus(POST_MORTEM_WITHIN);
            deadlines.schedule(dueAt, POST_MORTEM_DUE, new PostMortemDue(dueAt));
        }
        apply(new IncidentResolved(incidentId, command.summary(), command.rootCause(), command.at()));
    }

    /**
     * A reopen asks for a new acknowledgement (SPEC 4): the escalation timer restarts from the
     * reopen at the current severity's acknowledge interval, from the level reached, whether or
     * not the incident had been acknowledged before. The SLA's ack clock, stopped long ago, is a
     * matter of the read side and untouched here.
     */
    @CommandHandler
    public void handle(ReopenIncidentCommand command, SlaPolicy slaPolicy, DeadlineManager deadlines, MetaData metaData) {
        if (!resolved) {
            throw new IncidentException(ErrorCode.INCIDENT_NOT_RESOLVED, "Only a resolved incident can be reopened.");
        }
        MetaData armed = MetaData.emptyInstance();
        if (escalatesByTimer(severity, escalationLevel) && !EventMetadata.isImported(metaData)) {
            armed = armAckOverdue(deadlines, command.at().plus(slaPolicy.targetFor(severity).acknowledgeWithin()));
        }
        apply(new IncidentReopened(incidentId, command.reason(), command.at()), armed);
    }

    /** Allowed before and after resolution: post-mortem follow-ups come after the fire is out. */
    @CommandHandler
    public void handle(AddActionItemCommand command, DeadlineManager deadlines, MetaData metaData) {
        if (!EventMetadata.isImported(metaData)) {
            armActionItemDue(deadlines, command.actionItemId(), command.due());
        }
        apply(new PostMortemActionItemAdded(incidentId, command.actionItemId(), command.text(), command.owner(),
                command.due(), command.at()));
    }

    /** Owner, due date or status of an action item, also long after resolution; an unchanged item changes nothing. */
    @CommandHandler
    public void handle(UpdateActionItemCommand command, DeadlineManager deadlines, MetaData metaData) {
        ActionItem item = actionItems.get(command.actionItemId());
        if (item == null) {
            throw new IncidentException(ErrorCode.ACTION_ITEM_NOT_FOUND,
                    "No action item " + command.actionItemId() + " was added to this incident.");
        }
        ActionItem updated = new ActionItem(command.owner() != null ? command.owner() : item.owner(),
                command.due() != null ? command.due() : item.due(), command.status() != null ? command.status() : item.status());
        if (updated.equals(item)) {
            return;
        }
        if (!EventMetadata.isImported(metaData) && updated.status() == ActionItemStatus.OPEN
                && !Objects.equals(updated.due(), item.due())) {
            armActionItemDue(deadlines, command.actionItemId(), updated.due());
        }
        apply(new ActionItemUpdated(incidentId, command.actionItemId(), updated.owner(), updated.due(), updated.status(),
                command.updatedBy(), command.at()));
    }

    private static void armActionItemDue(DeadlineManager deadlines, String actionItemId, LocalDate due) {
        if (due != null) {
            deadlines.schedule(endOf(due), ACTION_ITEM_DUE, new ActionItemDue(actionItemId, due));
        }
    }

    /** A due date is met until its last moment (UTC). */
    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Still open at the end of its due date (and that date not moved since): its owner and the levels told are reminded. */
    @DeadlineHandler(deadlineName = ACTION_ITEM_DUE)
    public void on(ActionItemDue due) {
        ActionItem item = actionItems.get(due.actionItemId());
        if (item == null || item.status() != ActionItemStatus.OPEN || !due.dueDate().equals(item.due())
                || actionItemsReminded.contains(due)) {
            return;
        }
        apply(new ActionItemOverdue(incidentId, due.actionItemId(), item.owner(), due.dueDate(), endOf(due.dueDate())),
                MetaData.with(EventMetadata.ACTOR, EventMetadata.SYSTEM_ACTOR));
    }

    /** The team's own sections of the post-mortem; the same text again changes nothing. */
    @CommandHandler
    public void handle(WritePostMortemSectionCommand command) {
        if (command.text().equals(sections.get(command.section()))) {
            return;
        }
        apply(new PostMortemSectionWritten(incidentId, command.section(), command.text(), command.author(), command.at()));
    }

    /** A due time and an owner for the post-mortem, once the incident is resolved and until the post-mortem is done. */
    @CommandHandler
    public void handle(SchedulePostMortemCommand command, DeadlineManager deadlines, MetaData metaData) {
        if (!resolved) {
            throw new IncidentException(ErrorCode.INCIDENT_NOT_RESOLVED, "A post-mortem is scheduled once the incident is resolved.");
        }
        if (postMortemCompleted) {
            throw new IncidentException(ErrorCode.POST_MORTEM_COMPLETED, "The post-mortem is already completed.");
        }
        if (!EventMetadata.isImported(metaData)) {
            deadlines.schedule(command.dueAt(), POST_MORTEM_DUE, new PostMortemDue(command.dueAt()));
        }
        apply(new PostMortemScheduled(incidentId, command.owner(), command.dueAt(), command.at()));
    }

    @CommandHandler
    public void handle(CompletePostMortemCommand command) {
        if (!resolved) {
            throw new IncidentException(ErrorCode.INCIDENT_NOT_RESOLVED, "Only a resolved incident's post-mortem can be completed.");
        }
        if (postMortemCompleted) {
            return;
        }
        apply(new PostMortemCompleted(incidentId, command.completedBy(), command.at()));
    }

    /**
     * Not completed by its due time: a reminder, unless it was completed, rescheduled (a later
     * deadline holds) or the incident reopened meanwhile.
     */
    @DeadlineHandler(deadlineName = POST_MORTEM_DUE)
    public void on(PostMortemDue due) {
        if (!resolved || postMortemCompleted || !due.dueAt().equals(postMortemDueAt())
                || postMortemsReminded.contains(due.dueAt())) {
            return;
        }
        apply(new PostMortemOverdue(incidentId, postMortemOwner(), due.dueAt()),
                MetaData.with(EventMetadata.ACTOR, EventMetadata.SYSTEM_ACTOR));
    }

    private Instant postMortemDueAt() {
        return postMortemScheduledDue != null ? postMortemScheduledDue : resolvedAt.plus(POST_MORTEM_WITHIN);
    }

    /** Whoever it was scheduled for, else the incident commander (null when there is none). */
    private String postMortemOwner() {
        return postMortemOwner != null ? postMortemOwner : roles.get(IncidentRole.INCIDENT_COMMANDER);
    }

    /**
     * A finding or hypothesis; also after resolution, when the investigation goes on for the
     * post-mortem. The same note id again (a retried request) changes nothing.
     */
    @CommandHandler
    public void handle(AddNoteCommand command) {
        if (!noteIds.add(command.noteId())) {
            return;
        }
        apply(new IncidentNoteAdded(incidentId, command.noteId(), command.text(), command.author(), command.at()));
    }

    /** A quick fix or a workaround stopped the harm; only while the incident is open, as a rollback. */
    @CommandHandler
    public void handle(ApplyMitigationCommand command) {
        requireOpen("be mitigated");
        if (mitigationIds.contains(command.mitigationId())) {
            return;
        }
        apply(new MitigationApplied(incidentId, command.mitigationId(), command.kind(), command.description(),
                command.appliedBy(), command.at()));
    }

    private void requireOpen(String action) {
        if (resolved) {
            throw new IncidentException(ErrorCode.INCIDENT_RESOLVED,
                    "The incident is resolved and cannot " + action + "; reopen it first.");
        }
    }

    private RollbackState rollback(String rollbackId) {
        RollbackState state = rollbacks.get(rollbackId);
        if (state == null) {
            throw new IncidentException(ErrorCode.ROLLBACK_NOT_FOUND, "No rollback " + rollbackId + " was started on this incident.");
        }
        return state;
    }

    private static void requireRunning(String rollbackId, RollbackState state) {
        if (state != RollbackState.RUNNING) {
            throw new IncidentException(ErrorCode.ROLLBACK_NOT_RUNNING,
                    "Rollback " + rollbackId + " is no longer running (it " + state.name().toLowerCase() + ").");
        }
    }

    @EventSourcingHandler
    void on(IncidentDeclared event, MetaData metaData) {
        ackDeadlines.declared(metaData);
        incidentId = event.incidentId();
        severity = event.severity();
        escalationLevel = EscalationPolicy.DEFAULT.levelAtDeclaration(event.severity());
        ackClocks.add(new AckClock(event.detection(), event.severity()));
        lastRecommendation = event.recommendation() == null ? null : event.recommendation().recommendation();
    }

    @EventSourcingHandler
    void on(IncidentAcknowledged event) {
        acknowledged = true;
        ackDeadlines.stopped();
    }

    @EventSourcingHandler
    void on(SeverityChanged event, MetaData metaData) {
        // A raise starts the stricter level's clock; a lowering relaxes no clock already running.
        if (event.to().isMoreSevereThan(severity)) {
            ackClocks.add(new AckClock(event.changedAt(), event.to()));
        }
        severity = event.to();
        escalationLevel = Math.max(escalationLevel, EscalationPolicy.DEFAULT.levelAtDeclaration(event.to()));
        if (escalationLevel >= EscalationPolicy.MAX_LEVEL) {
            ackDeadlines.stopped();
        }
        ackDeadlines.armedBy(metaData);
    }

    @EventSourcingHandler
    void on(AlertReceived event) {
        if (event.recommendation() != null) {
            lastRecommendation = event.recommendation().recommendation();
        }
    }

    @EventSourcingHandler
    void on(DecisionOverdue event) {
        decisionsReminded.add(event.decideBy());
    }

    @EventSourcingHandler
    void on(RollbackOverran event) {
        rollbacksOverran.add(event.rollbackId());
    }

    @EventSourcingHandler
    void on(IncidentNoteAdded event) {
        noteIds.add(event.noteId());
    }

    @EventSourcingHandler
    void on(MitigationApplied event) {
        mitigationIds.add(event.mitigationId());
    }

    @EventSourcingHandler
    void on(RoleAssigned event) {
        roles.put(event.role(), event.person());
    }

    @EventSourcingHandler
    void on(RollbackStarted event) {
        rollbackProcedures.put(event.rollbackId(), event.procedure());
        rollbacks.put(event.rollbackId(), RollbackState.RUNNING);
        runningRollbackId = event.rollbackId();
    }

    @EventSourcingHandler
    void on(RollbackCompleted event) {
        rollbacks.put(event.rollbackId(), RollbackState.COMPLETED);
        runningRollbackId = null;
    }

    @EventSourcingHandler
    void on(RollbackFailed event) {
        rollbacks.put(event.rollbackId(), RollbackState.FAILED);
        runningRollbackId = null;
    }

    @EventSourcingHandler
    void on(IncidentEscalated event, MetaData metaData) {
        escalationLevel = Math.max(escalationLevel, event.level());
        if (event.reason() == EscalationReason.ACK_OVERDUE) {
            lastAckOverdueAt = event.escalatedAt();
            // The next one is one ack interval of the current severity later.
            ackClocks.clear();
            ackClocks.add(new AckClock(event.escalatedAt(), severity));
        }
        if (event.reason() == EscalationReason.ACK_OVERDUE || escalationLevel >= EscalationPolicy.MAX_LEVEL) {
            ackDeadlines.stopped();
        }
        ackDeadlines.armedBy(metaData);
    }

    @EventSourcingHandler
    void on(PostMortemActionItemAdded event) {
        actionItems.put(event.actionItemId(), new ActionItem(event.owner(), event.dueDate(), ActionItemStatus.OPEN));
    }

    @EventSourcingHandler
    void on(ActionItemUpdated event) {
        actionItems.put(event.actionItemId(), new ActionItem(event.owner(), event.dueDate(), event.status()));
    }

    @EventSourcingHandler
    void on(IncidentTypeSet event) {
        type = event.type();
        typeChosen = typeChosen || !event.suggested();
        Set<String> ids = new HashSet<>();
        event.checklist().forEach(item -> ids.add(item.id()));
        runbookItems = ids;
    }

    @EventSourcingHandler
    void on(ChecklistItemTicked event) {
        ticks.computeIfAbsent(event.checklist(), checklist -> new HashMap<>()).put(event.itemId(), event.done());
    }

    @EventSourcingHandler
    void on(ActionItemOverdue event) {
        actionItemsReminded.add(new ActionItemDue(event.actionItemId(), event.dueDate()));
    }

    @EventSourcingHandler
    void on(PostMortemSectionWritten event) {
        sections.put(event.section(), event.text());
    }

    @EventSourcingHandler
    void on(PostMortemScheduled event) {
        postMortemScheduledDue = event.dueAt();
        postMortemOwner = event.owner();
    }

    @EventSourcingHandler
    void on(PostMortemOverdue event) {
        postMortemsReminded.add(event.dueAt());
    }

    @EventSourcingHandler
    void on(PostMortemCompleted event) {
        postMortemCompleted = true;
    }

    @EventSourcingHandler
    void on(IncidentResolved event) {
        resolvedAt = event.resolvedAt();
        resolved = true;
        ackDeadlines.stopped();
    }

    @EventSourcingHandler
    void on(IncidentReopened event, MetaData metaData) {
        resolved = false;
        // A reopen asks for a new acknowledgement, timed from the reopen (SPEC 4).
        acknowledged = false;
        ackClocks.clear();
        ackClocks.add(new AckClock(event.reopenedAt(), severity));
        ackDeadlines.stopped();
        ackDeadlines.armedBy(metaData);
    }
}
