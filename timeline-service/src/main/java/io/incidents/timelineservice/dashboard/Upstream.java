package io.incidents.timelineservice.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls incident-service and notification-service for the person using the dashboard, with that
 * person's own access token: those services decide, and record who acted. Every answer comes back
 * as a {@link Reply}, refusals and outages included, so a page can say what happened in words.
 */
@Component
public class Upstream {

    private static final Logger log = LoggerFactory.getLogger(Upstream.class);

    public enum Service { INCIDENTS, NOTIFICATIONS }

    private static final Reply LOGIN_EXPIRED = new Reply(401, null, "Your login has expired: reload the page to log in again.");

    private final DashboardProperties properties;
    private final OAuth2AuthorizedClientManager authorizedClients;
    private final ObjectMapper json;
    private final RestClient rest;

    Upstream(DashboardProperties properties, OAuth2AuthorizedClientManager dashboardAuthorizedClientManager, ObjectMapper json) {
        this.properties = properties;
        this.authorizedClients = dashboardAuthorizedClientManager;
        this.json = json;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.upstreamTimeout());
        requests.setReadTimeout(properties.upstreamTimeout());
        this.rest = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * What a service answered: its status and body, or 503 when it could not be reached.
     *
     * @param detail the problem's {@code detail} (or title) for an error, in the service's own words
     */
    public record Reply(int status, JsonNode body, String detail) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * The refusal or outage in words, for a flash message: the service's own detail after
         * what did not happen.
         *
         * @param notDone e.g. "Not done", "Not created"
         */
        public String refusal(String notDone) {
            String prefix = switch (status) {
                case 400 -> notDone + ", the request is incomplete: ";
                case 401, 403 -> "Not allowed: ";
                case 404 -> notDone + ", not found: ";
                case 429 -> "Too many requests: ";
                default -> notDone + ": ";
            };
            return prefix + detail;
        }
    }

    public Reply get(Service service, String path) {
        return call(service, "GET", path, null);
    }

    public Reply post(Service service, String path, Object body) {
        return call(service, "POST", path, body);
    }

    public Reply delete(Service service, String path) {
        return call(service, "DELETE", path, null);
    }

    /**
     * The same GET, to be made later on another thread: the person's access token is taken now,
     * while their request is current.
     */
    public Supplier<Reply> getLater(Service service, String path) {
        Optional<String> token = accessToken();
        return () -> token.map(bearer -> send(service, "GET", path, null, bearer)).orElse(LOGIN_EXPIRED);
    }

    private Reply call(Service service, String method, String path, Object body) {
        return accessToken().map(token -> send(service, method, path, body, token)).orElse(LOGIN_EXPIRED);
    }

    private Reply send(Service service, String method, String path, Object body, String token) {
        URI uri = URI.create(baseOf(service) + path);
        try {
            RestClient.RequestBodySpec request = rest.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, response) -> reply(response.getStatusCode(), response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            log.warn("{} {} failed: {}", method, uri, e.toString());
            return new Reply(503, null, serviceName(service) + " cannot be reached right now; try again in a moment.");
        }
    }

    private Reply reply(HttpStatusCode status, byte[] bytes) throws IOException {
        JsonNode body = bytes.length == 0 ? null : readOrNull(bytes);
        String detail = null;
        if (status.isError()) {
            detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText()
                    : body != null && body.hasNonNull("title") ? body.get("title").asText()
                    : "The request failed (HTTP " + status.value() + ").";
        }
        return new Reply(status.value(), body, detail);
    }

    private JsonNode readOrNull(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** The current person's access token, refreshed if need be; empty when there is none to be had. */
    private Optional<String> accessToken() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (!(user instanceof OAuth2AuthenticationToken login)) {
            log.warn("No access token for the dashboard user: not logged in through OpenID Connect");
            return Optional.empty();
        }
        try {
            OAuth2AuthorizedClient client = authorizedClients.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(login.getAuthorizedClientRegistrationId()).principal(user).build());
            if (client == null) {
                log.warn("No access token for the dashboard user {}: no authorized client", user.getName());
                return Optional.empty();
            }
            return Optional.of(client.getAccessToken().getTokenValue());
        } catch (RuntimeException e) {
            log.warn("No access token for the dashboard user {}: {}", user.getName(), e.toString());
            return Optional.empty();
        }
    }

    private String baseOf(Service service) {
        URI base = service == Service.INCIDENTS ? properties.incidentServiceUrl() : properties.notificationServiceUrl();
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String serviceName(Service service) {
        return service == Service.INCIDENTS ? "incident-service" : "notification-service";
    }
}
