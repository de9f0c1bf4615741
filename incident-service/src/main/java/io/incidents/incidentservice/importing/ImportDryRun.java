package io.incidents.incidentservice.importing;

import io.incidents.incidentservice.eventstore.EventMetadata;
import io.incidents.incidentservice.importing.ImportPlan.PlannedCommand;
import io.incidents.incidentservice.importing.ImportPlan.PlannedIncident;
import io.incidents.incidentservice.incident.Incident;
import io.incidents.incidentservice.incident.IncidentException;
import io.incidents.policy.SlaPolicy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replays the planned commands on the {@link Incident} aggregate itself, in memory, before
 * anything is written: the import then follows exactly the rules live commands follow, and a
 * request that breaks one is refused whole. Its deadline manager refuses every schedule, so an
 * import that would arm a timer fails here rather than page someone later.
 */
final class ImportDryRun {

    private final SlaPolicy slaPolicy;

    ImportDryRun(SlaPolicy slaPolicy) {
        this.slaPolicy = slaPolicy;
    }

    /** The first refusal of each incident whose history the aggregate does not accept; empty when all pass. */
    List<ImportError> run(List<PlannedIncident> incidents) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        try {
            CommandGateway gateway = gateway(store);
            List<ImportError> errors = new ArrayList<>();
            for (PlannedIncident incident : incidents) {
                for (PlannedCommand command : incident.commands()) {
                    try {
                        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command.command()).andMetaData(
                                MetaData.with(EventMetadata.ACTOR, command.actor()).and(EventMetadata.IMPORTED, "true")));
                    } catch (IncidentException refused) {
                        errors.add(incident.error(command, refused.getMessage()));
                        break;
                    }
                }
                if (errors.size() >= ImportPlanner.MAX_ERRORS) {
                    break;
                }
            }
            return errors;
        } finally {
            store.shutDown();
        }
    }

    private CommandGateway gateway(EmbeddedEventStore store) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Incident.class),
                new SimpleResourceParameterResolverFactory(Set.of(slaPolicy, new NoTimers())));
        EventSourcingRepository<Incident> repository = EventSourcingRepository.builder(Incident.class)
                .eventStore(store)
                .parameterResolverFactory(resolvers)
                .build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Incident>builder()
                .aggregateType(Incident.class)
                .repository(repository)
                .parameterResolverFactory(resolvers)
                .build()
                .subscribe(bus);
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    /** Cancelling is harmless (nothing is scheduled for an import); scheduling is a defect. */
    static final class NoTimers implements DeadlineManager {

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
            throw new IllegalStateException("an import of past incidents must not schedule '" + deadlineName + "'");
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
        }

        @Override
        public void cancelAll(String deadlineName) {
        }

        @Override
        public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        }

        @Override
        public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super DeadlineMessage<?>> interceptor) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super DeadlineMessage<?>> interceptor) {
            return () -> true;
        }
    }
}
