package io.incidents.incidentservice.incident;

import io.incidents.incidentservice.eventstore.EventMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import io.incidents.support.security.Caller;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command on behalf of the current HTTP request and waits for it: the logged-in user
 * becomes the {@code actor} and the caller's {@code X-Correlation-Id} (or a fresh one) the
 * {@code correlationId} of every event the command causes.
 */
@Component
class CommandSender {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
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
                .and(EventMetadata.CORRELATION_ID, correlationId());
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The caller's id if it is a sane token, otherwise a fresh one: headers are not trusted blindly. */
    private static String correlationId() {
        String header = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            header = request.getHeader(CORRELATION_HEADER);
        }
        if (header != null && header.matches("[A-Za-z0-9._:-]{1,100}")) {
            return header;
        }
        return UUID.randomUUID().toString();
    }
}
