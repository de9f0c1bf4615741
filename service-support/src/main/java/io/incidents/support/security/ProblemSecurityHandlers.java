package io.incidents.support.security;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * 401, 403 and 429 answered as RFC 9457 problem+json, like every other error. The challenge is
 * always {@code Bearer}, never {@code Basic}: a browser shown a Basic challenge would prompt,
 * then attach the password to every later request to this origin, cross-site forms included.
 * Scripts send Basic credentials unasked, so they lose nothing.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter problems;
    private final AuditLog audit;

    ProblemSecurityHandlers(ProblemWriter problems, AuditLog audit) {
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        if (authException instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(FailureThrottle.retryAfterSeconds(throttled.retryAfter())));
            problems.write(response, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins from this user or address; retry after the time in Retry-After."));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incidents\"");
        problems.write(response, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "A valid login is required: Authorization: Bearer with an OpenID Connect access token or an API token,"
                        + " or HTTP Basic."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException denied) throws IOException {
        audit.record(Caller.name(), "ACCESS_DENIED", request.getMethod() + " " + request.getRequestURI(),
                null, request.getRemoteAddr());
        problems.write(response, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Your role does not allow this request."));
    }
}
