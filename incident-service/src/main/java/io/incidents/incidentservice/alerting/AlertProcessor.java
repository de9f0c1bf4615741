package io.incidents.incidentservice.alerting;

import io.incidents.events.IncidentSource;
import io.incidents.incidentservice.eventstore.EventMetadata;
import io.incidents.incidentservice.incident.ErrorCode;
import io.incidents.incidentservice.incident.IncidentCommands.AcknowledgeIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.DeclareIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ReceiveAlertCommand;
import io.incidents.incidentservice.incident.IncidentCommands.ResolveIncidentCommand;
import io.incidents.incidentservice.incident.IncidentCommands.RunbookChoice;
import io.incidents.incidentservice.incident.IncidentException;
import io.incidents.incidentservice.incident.IncidentFields;
import io.incidents.incidentservice.runbook.Runbooks;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What an alert does to incidents. A trigger opens an incident for its stream (integration +
 * dedup key) or, if one is open, adds {@code AlertReceived} to it (a more severe alert raises it);
 * after resolution a trigger opens a new incident. Acknowledge and resolve act on the open
 * incident of the stream, and are accepted and ignored when there is none, as PagerDuty does.
 * Neither ever changes a severity.
 */
@Component
class AlertProcessor {

    private final AlertStreams streams;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Runbooks runbooks;

    AlertProcessor(AlertStreams streams, CommandGateway commands, TransactionTemplate transaction, Clock clock,
                   Runbooks runbooks) {
        this.streams = streams;
        this.commands = commands;
        this.transaction = transaction;
        this.clock = clock;
        this.runbooks = runbooks;
    }

    void process(AlertingProperties.Integration integration, Alert alert) {
        switch (alert.action()) {
            case TRIGGER -> trigger(integration, alert);
            case ACKNOWLEDGE -> streams.openIncident(integration.name(), alert.dedupKey()).ifPresent(incident ->
                    ignoringResolved(() -> send(new AcknowledgeIncidentCommand(incident, integration.name(), clock.instant()),
                            integration, alert)));
            case RESOLVE -> resolve(integration, alert);
        }
    }

    /**
     * Claiming a free stream and declaring its incident commit together, so a concurrent trigger
     * of the same stream waits and then finds the incident. Adding to an existing incident runs
     * outside that transaction: Axon's own unit of work then serialises the writers of the
     * aggregate. A stream whose incident a responder resolved meanwhile is closed and claimed anew.
     */
    private void trigger(AlertingProperties.Integration integration, Alert alert) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            Optional<String> existing = transaction.execute(status -> {
                String newIncident = UUID.randomUUID().toString();
                if (streams.open(integration.name(), alert.dedupKey(), newIncident, now)) {
                    declare(newIncident, integration, alert, now);
                    return Optional.<String>empty();
                }
                return Optional.of(streams.openIncident(integration.name(), alert.dedupKey()).orElse(""));
            });
            if (existing.isEmpty()) {
                return;
            }
            if (existing.get().isEmpty()) {
                continue; // closed between our claim and our look-up: claim again
            }
            try {
                AlertRating rating = AlertRating.of(alert, now);
                send(new ReceiveAlertCommand(existing.get(), integration.name(), alert.dedupKey(), alert.summary(),
                        rating.ownSeverity(), now, rating.recommendation()), integration, alert);
                return;
            } catch (IncidentException e) {
                if (e.code() != ErrorCode.INCIDENT_RESOLVED) {
                    throw e;
                }
                transaction.executeWithoutResult(status -> streams.close(existing.get(), clock.instant()));
            }
        }
        throw new IllegalStateException("alert stream " + alert.dedupKey() + " kept pointing at resolved incidents");
    }

    private void declare(String incidentId, AlertingProperties.Integration integration, Alert alert, Instant now) {
        AlertRating rated = AlertRating.of(alert, now);
        // The alert's service is already a valid name (or null); the default was checked when configured.
        String service = alert.service() != null ? alert.service() : integration.defaultService();
        String title = IncidentFields.cut(alert.summary(), IncidentFields.SHORT_TEXT);
        RunbookChoice suggested = runbooks.suggestFor(alert.type(), alert.summary() + " " + Objects.toString(alert.description(), ""))
                .map(runbook -> new RunbookChoice(runbook.type(), runbook.title(), runbook.checklist(), true))
                .orElse(null);
        send(new DeclareIncidentCommand(incidentId, title, alert.description(), rated.declaredSeverity(),
                service == null ? List.of() : List.of(service), IncidentSource.alert(integration.name(), alert.dedupKey()), now,
                rated.recommendation(), alert.startedAt(), false, suggested), integration, alert);
    }

    private void resolve(AlertingProperties.Integration integration, Alert alert) {
        Optional<String> incident = streams.openIncident(integration.name(), alert.dedupKey());
        if (incident.isEmpty() || !integration.resolvesAutomatically()) {
            return;
        }
        // Resolve first, then close the stream: if the resolve fails, the stream still leads to the incident.
        ignoringResolved(() -> send(new ResolveIncidentCommand(incident.get(),
                "Resolved automatically: alert " + alert.dedupKey() + " from " + integration.name() + " resolved.", null,
                clock.instant()), integration, alert));
        transaction.executeWithoutResult(status -> streams.close(incident.get(), clock.instant()));
    }

    private void send(Object command, AlertingProperties.Integration integration, Alert alert) {
        MetaData metaData = MetaData.with(EventMetadata.ACTOR, integration.name())
                .and(EventMetadata.CORRELATION_ID, "alert:" + alert.dedupKey());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData), 30, TimeUnit.SECONDS);
    }

    private static void ignoringResolved(Runnable action) {
        try {
            action.run();
        } catch (IncidentException e) {
            if (e.code() != ErrorCode.INCIDENT_RESOLVED) {
                throw e;
            }
        }
    }
}
