package io.incidents.incidentservice.incident;

import io.incidents.incidentservice.eventstore.EventMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import io.incidents.support.security.Caller;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Sends a command on behalf of the current HTTP request and waits for it: the logged-in user
 * becomes the {@code actor} and the caller's {@code X-Correlation-Id} (or a fresh one) the
 * {@code correlationId} of every event the command causes.
 */
@Component
class CommandSender {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway commandGateway;

    CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** The logged-in user's name. */
    String actor() {
        return Caller.name();
    }

    void send(Object command) {
        MetaData metaData = MetaData.with(EventMetadata.ACTOR, actor())
                .and(EventMetadata.CORRELATION_ID, CorrelationIds.ofCurrentRequest());
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
