package io.incidents.incidentservice.incident;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.UUID;

/** The correlation id of the current HTTP request: the caller's {@code X-Correlation-Id} if sane, else a fresh one. */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";

    private CorrelationIds() {
    }

    /** Headers are not trusted blindly: anything but a short plain token is replaced. */
    public static String ofCurrentRequest() {
        String header = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            header = request.getHeader(HEADER);
        }
        if (header != null && header.matches("[A-Za-z0-9._:-]{1,100}")) {
            return header;
        }
        return UUID.randomUUID().toString();
    }
}
