package io.incidents.incidentservice.importing;

import io.incidents.incidentservice.eventstore.EventMetadata;
import io.incidents.incidentservice.importing.ImportPlan.PlannedCommand;
import io.incidents.incidentservice.importing.ImportPlan.PlannedIncident;
import io.incidents.incidentservice.importing.ImportRequest.PastIncident;
import io.incidents.policy.SlaPolicy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Imports finished past incidents: checks the whole request (fields, order of time, then the
 * aggregate's own rules in a dry run) before writing anything, then sends each new incident's
 * commands as live requests would, stamped with the historical moments and actors and marked
 * {@link EventMetadata#IMPORTED}. An incident whose id exists already is left as it is.
 * <p>
 * Each incident is written in a transaction of its own, not the request in one: a long
 * transaction would hold event-store positions that the relay, meanwhile reading later ones,
 * gives up waiting for after a minute (Axon's gap timeout). If the database fails half-way, the
 * incidents written so far stay and the same request, sent again, adds the rest.
 */
@Component
class IncidentImporter {

    private static final Logger log = LoggerFactory.getLogger(IncidentImporter.class);
    private static final long TIMEOUT_SECONDS = 30;

    enum Result { IMPORTED, ALREADY_PRESENT }

    record IncidentOutcome(String externalId, String incidentId, Result result) {
    }

    record ImportOutcome(int imported, int alreadyPresent, List<IncidentOutcome> incidents) {
    }

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final ImportDryRun dryRun;
    private final ImportProperties properties;
    private final Clock clock;

    IncidentImporter(CommandGateway commands, EventStore eventStore, TransactionTemplate transaction, SlaPolicy slaPolicy,
                     ImportProperties properties, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.transaction = transaction;
        this.dryRun = new ImportDryRun(slaPolicy);
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws ImportRefusedException when any incident is invalid; then nothing was written */
    ImportOutcome importAll(List<PastIncident> incidents, String correlationId) {
        List<PlannedIncident> plan = ImportPlanner.plan(incidents, clock.instant(), properties.maxStepsPerIncident());
        List<ImportError> refused = dryRun.run(plan);
        if (!refused.isEmpty()) {
            throw new ImportRefusedException(refused);
        }
        List<IncidentOutcome> outcomes = new ArrayList<>();
        int imported = 0;
        for (PlannedIncident incident : plan) {
            boolean written = !exists(incident.incidentId()) && write(incident, correlationId);
            imported += written ? 1 : 0;
            outcomes.add(new IncidentOutcome(incident.externalId(), incident.incidentId(),
                    written ? Result.IMPORTED : Result.ALREADY_PRESENT));
        }
        log.info("Import {}: {} past incidents imported, {} already present", correlationId, imported, plan.size() - imported);
        return new ImportOutcome(imported, plan.size() - imported, outcomes);
    }

    private boolean exists(String incidentId) {
        return eventStore.lastSequenceNumberFor(incidentId).isPresent();
    }

    /** False when a concurrent import of the same external id got there first. */
    private boolean write(PlannedIncident incident, String correlationId) {
        try {
            transaction.executeWithoutResult(status -> {
                for (PlannedCommand command : incident.commands()) {
                    MetaData metaData = MetaData.with(EventMetadata.ACTOR, command.actor())
                            .and(EventMetadata.CORRELATION_ID, correlationId)
                            .and(EventMetadata.IMPORTED, "true");
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(command.command()).andMetaData(metaData),
                            TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            });
            return true;
        } catch (RuntimeException e) {
            if (lostRace(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
