package io.incidents.incidentservice.alerting;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.Optional;

/**
 * Authenticates the sender of an Alertmanager, Grafana or native alert before its body is read,
 * so an unknown sender costs no parsing: a throttled address waits, a key in the query string
 * is refused where the header works, and a valid key's integration goes on to the controller.
 */
class IntegrationKeyInterceptor implements HandlerInterceptor {

    static final String INTEGRATION = "io.incidents.incidentservice.alerting.integration";
    private static final String BEARER = "Bearer ";

    private final KeyGuard guard;
    private final boolean queryKeyAllowed;

    IntegrationKeyInterceptor(KeyGuard guard, boolean queryKeyAllowed) {
        this.guard = guard;
        this.queryKeyAllowed = queryKeyAllowed;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = guard.blockedFor(address);
        if (blocked.isPresent()) {
            throw AlertAnswers.addressBlocked(blocked.get());
        }
        String queryKey = (String) request.getAttribute(QueryKeyFilter.QUERY_KEY);
        if (queryKey != null && !queryKeyAllowed) {
            throw AlertAnswers.queryKeyRefused();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String key = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : queryKey;
        request.setAttribute(INTEGRATION, guard.check(address, key)
                .orElseThrow(() -> AlertAnswers.keyRequired(queryKeyAllowed)));
        return true;
    }
}
