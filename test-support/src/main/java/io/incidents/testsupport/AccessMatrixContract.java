package io.incidents.testsupport;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 9's role matrix, checked over real HTTP for every endpoint the service maps (discovered
 * from its request mappings, actuator included) and every kind of caller. A service's test
 * names the least access each of its endpoints needs; an endpoint the table does not name fails
 * {@link #everyEndpointHasAnAccessRule}, so a new endpoint cannot ship without a decision.
 * A call counts as denied when it answers 401 or 403 (or what {@link #denied} says); anything
 * else (2xx, 400 for the empty probe body, 404 for the made-up id) got past access control.
 */
public abstract class AccessMatrixContract {

    /**
     * The least a caller needs. INTEGRATION: an integration key, and nothing else, opens it.
     * DASHBOARD: a page for people logged in through the dashboard's own login (a session); no
     * API credential opens it, and a call with one is sent to the login instead (the pages'
     * roles are tested with a session login).
     */
    public enum Access { PUBLIC, VIEWER, RESPONDER, ADMIN, METRICS, INTEGRATION, DASHBOARD }

    public enum Caller { ANONYMOUS, VIEWER, RESPONDER, ADMIN, METRICS, API_TOKEN, INTEGRATION_KEY }

    private static final String SAMPLE_ID = "00000000-0000-4000-8000-000000000001";

    /** What every service serves the same way. */
    private static final Map<String, Access> COMMON = Map.ofEntries(
            Map.entry("GET /actuator", Access.METRICS),
            Map.entry("GET /actuator/health", Access.PUBLIC),
            Map.entry("GET /actuator/health/**", Access.PUBLIC),
            Map.entry("GET /actuator/info", Access.PUBLIC),
            Map.entry("GET /actuator/metrics", Access.METRICS),
            Map.entry("GET /actuator/metrics/{requiredMetricName}", Access.METRICS),
            Map.entry("GET /actuator/prometheus", Access.METRICS),
            Map.entry("GET /v3/api-docs", Access.PUBLIC),
            Map.entry("GET /v3/api-docs.yaml", Access.PUBLIC),
            Map.entry("GET /v3/api-docs/swagger-config", Access.PUBLIC),
            Map.entry("GET /swagger-ui.html", Access.PUBLIC),
            Map.entry("GET /error", Access.PUBLIC),
            Map.entry("GET /api/v1/admin/audit", Access.ADMIN));

    @Autowired
    protected TestRestTemplate rest;

    @Autowired
    private ApplicationContext context;

    /** "METHOD /pattern" as mapped (e.g. {@code POST /api/v1/incidents/{id}/acknowledge}) to its least access. */
    protected abstract Map<String, Access> serviceEndpoints();

    /** The integration key a caller of kind INTEGRATION_KEY presents; services without alert endpoints use any text. */
    protected String integrationKey() {
        return "not-an-integration-key-of-this-service";
    }

    /** The probe's body; an empty JSON object unless an endpoint needs its credentials in the body. */
    protected String body(String endpoint, Caller caller) {
        return "{}";
    }

    /** Whether an answer means "not let in"; services whose endpoints refuse keys in their own words extend it. */
    protected boolean denied(String endpoint, ResponseEntity<String> answer) {
        int status = answer.getStatusCode().value();
        String location = String.valueOf(answer.getHeaders().getLocation());
        boolean sentToLogin = answer.getStatusCode().is3xxRedirection() && location.contains("/oauth2/authorization/");
        return status == 401 || status == 403 || sentToLogin;
    }

    /** Called after a call that got in, e.g. to wait for work it started before the next test runs. */
    protected void afterAllowed(String endpoint) {
    }

    @Test
    void everyEndpointHasAnAccessRule() {
        Set<String> mapped = mappedEndpoints();
        Set<String> withoutRule = new TreeSet<>(mapped);
        withoutRule.removeAll(expected().keySet());
        assertThat(withoutRule).as("endpoints with no entry in the access matrix").isEmpty();
        Set<String> stale = new TreeSet<>(serviceEndpoints().keySet());
        stale.removeAll(mapped);
        assertThat(stale).as("matrix entries for endpoints this service does not map").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyCallerIsLetInOrRefusedAsTheMatrixSays() {
        Map<String, Access> expected = expected();
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : new TreeSet<>(mappedEndpoints())) {
            Access access = expected.get(endpoint);
            if (access == null) {
                continue; // reported by everyEndpointHasAnAccessRule
            }
            for (Caller caller : Caller.values()) {
                boolean allowed = allows(access, caller);
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + caller + (allowed ? " is let in" : " is refused"), () -> {
                    ResponseEntity<String> answer = call(endpoint, caller);
                    boolean refused = denied(endpoint, answer);
                    assertThat(refused).as("%s as %s answered %s: %s", endpoint, caller, answer.getStatusCode(),
                            answer.getBody()).isEqualTo(!allowed);
                    // /error is only a forward target: called directly, with no error to show, Spring answers 999.
                    if (!refused && !endpoint.equals("GET /error")) {
                        assertThat(answer.getStatusCode().is5xxServerError())
                                .as("%s as %s got in but failed: %s", endpoint, caller, answer.getBody()).isFalse();
                    }
                    if (!refused) {
                        afterAllowed(endpoint);
                    }
                }));
            }
        }
        return tests.stream();
    }

    static boolean allows(Access access, Caller caller) {
        return switch (access) {
            case PUBLIC -> true;
            case VIEWER -> Set.of(Caller.VIEWER, Caller.RESPONDER, Caller.ADMIN, Caller.API_TOKEN).contains(caller);
            case RESPONDER -> Set.of(Caller.RESPONDER, Caller.ADMIN, Caller.API_TOKEN).contains(caller);
            case ADMIN -> caller == Caller.ADMIN;
            case METRICS -> caller == Caller.METRICS || caller == Caller.ADMIN;
            case INTEGRATION -> caller == Caller.INTEGRATION_KEY;
            case DASHBOARD -> false;
        };
    }

    private Map<String, Access> expected() {
        Map<String, Access> all = new LinkedHashMap<>(COMMON);
        all.putAll(serviceEndpoints());
        return all;
    }

    private Set<String> mappedEndpoints() {
        return MappedEndpoints.of(context);
    }

    private ResponseEntity<String> call(String endpoint, Caller caller) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = MappedEndpoints.path(endpoint.substring(endpoint.indexOf(' ') + 1), SAMPLE_ID);
        HttpHeaders headers = new HttpHeaders();
        switch (caller) {
            case ANONYMOUS -> { }
            case VIEWER -> headers.setBasicAuth(TestLogins.VIEWER.username(), TestLogins.VIEWER.password());
            case RESPONDER -> headers.setBasicAuth(TestLogins.RESPONDER.username(), TestLogins.RESPONDER.password());
            case ADMIN -> headers.setBasicAuth(TestLogins.ADMIN.username(), TestLogins.ADMIN.password());
            case METRICS -> headers.setBasicAuth(TestLogins.METRICS.username(), TestLogins.METRICS.password());
            case API_TOKEN -> headers.setBearerAuth(TestLogins.RESPONDER_API_TOKEN);
            case INTEGRATION_KEY -> headers.setBearerAuth(integrationKey());
        }
        HttpEntity<String> request;
        if (method.equals("GET")) {
            request = new HttpEntity<>(headers);
        } else {
            headers.setContentType(MediaType.APPLICATION_JSON);
            request = new HttpEntity<>(body(endpoint, caller), headers);
        }
        return NoRedirects.restTemplate().exchange(rest.getRootUri() + path, HttpMethod.valueOf(method), request, String.class);
    }
}
