package io.incidents.events;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of event types and their names on the wire: the CloudEvents type
 * {@code incident.<Name>.v<revision>} used in the {@code ce_type} Kafka header.
 */
public final class EventTypes {

    public static final String CLOUD_EVENT_TYPE_PREFIX = "incident.";

    /**
     * The {@code ce_source} of every {@code incident-events} record: only incident-service writes
     * that topic, and its consumers refuse (park) a record from anywhere else.
     */
    public static final String SOURCE = "/incident-service";

    public static final List<Class<? extends IncidentEvent>> ALL = List.of(
            IncidentDeclared.class,
            AlertReceived.class,
            IncidentAcknowledged.class,
            SeverityChanged.class,
            IncidentStatusUpdated.class,
            RoleAssigned.class,
            RollbackStarted.class,
            RollbackCompleted.class,
            RollbackFailed.class,
            IncidentEscalated.class,
            IncidentResolved.class,
            IncidentReopened.class,
            PostMortemActionItemAdded.class,
            IncidentNoteAdded.class,
            MitigationApplied.class,
            DecisionOverdue.class,
            RollbackOverran.class,
            PostMortemSectionWritten.class,
            ActionItemUpdated.class,
            ActionItemOverdue.class,
            PostMortemScheduled.class,
            PostMortemOverdue.class,
            PostMortemCompleted.class,
            IncidentTypeSet.class,
            ChecklistItemTicked.class);

    private static final Map<String, Class<? extends IncidentEvent>> BY_CLOUD_EVENT_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventTypes::cloudEventType, Function.identity()));
    private static final Map<String, Class<? extends IncidentEvent>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventTypes() {
    }

    public static String cloudEventType(Class<? extends IncidentEvent> type) {
        return CLOUD_EVENT_TYPE_PREFIX + type.getSimpleName() + ".v" + revision(type);
    }

    public static Optional<Class<? extends IncidentEvent>> forCloudEventType(String cloudEventType) {
        return Optional.ofNullable(BY_CLOUD_EVENT_TYPE.get(cloudEventType));
    }

    /** The event class of a stored type name ({@code IncidentDeclared}). */
    public static Optional<Class<? extends IncidentEvent>> forName(String simpleName) {
        return Optional.ofNullable(BY_NAME.get(simpleName));
    }

    public static String revision(Class<? extends IncidentEvent> type) {
        Revision revision = type.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalStateException(type.getName() + " has no @Revision");
        }
        return revision.value();
    }
}
