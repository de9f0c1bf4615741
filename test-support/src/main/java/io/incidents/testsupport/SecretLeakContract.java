package io.incidents.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No configured secret (passwords, API tokens, integration keys, webhook URLs and secrets, the
 * SMTP password) may appear in a log line or an answer. A service's test runs a scenario that
 * makes it use its secrets (and fail with some), then every GET endpoint it maps, actuator
 * included, is read as ADMIN and METRICS, and every answer and all output is searched.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class SecretLeakContract {

    private static final String SAMPLE_ID = "00000000-0000-4000-8000-000000000001";

    @Autowired
    protected TestRestTemplate rest;

    @Autowired
    private ApplicationContext context;

    /** The service's own secrets, beyond the logins and token every service knows. */
    protected abstract List<String> serviceSecrets();

    /** Makes the service use its secrets: deliveries, alerts, and so on; returns once they have been used. */
    protected abstract void useTheSecrets() throws Exception;

    /** Ids worth reading the detail endpoints with, once the scenario ran. */
    protected List<String> ids() {
        return List.of(SAMPLE_ID);
    }

    @Test
    void noConfiguredSecretAppearsInAnyLogOrAnswer(CapturedOutput output) throws Exception {
        useTheLogins();
        useTheSecrets();
        List<String> answers = new ArrayList<>();
        for (String path : readablePaths()) {
            for (TestLogins.Login login : List.of(TestLogins.ADMIN, TestLogins.METRICS)) {
                org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
                headers.setBasicAuth(login.username(), login.password());
                ResponseEntity<String> answer = NoRedirects.restTemplate()
                        .exchange(rest.getRootUri() + path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
                answers.add(path + " -> " + answer.getStatusCode() + " " + answer.getHeaders() + " " + answer.getBody());
            }
        }

        List<String> secrets = Stream.concat(Stream.of(TestLogins.RESPONDER.password(), TestLogins.ADMIN.password(),
                TestLogins.RESPONDER_API_TOKEN, basic(TestLogins.RESPONDER.username(), TestLogins.RESPONDER.password()),
                basic(TestLogins.ADMIN.username(), TestLogins.ADMIN.password()),
                basic(TestLogins.VIEWER.username(), TestLogins.RESPONDER.password())), serviceSecrets().stream()).toList();
        for (String secret : secrets) {
            assertThat(output.getAll()).as("the output").doesNotContain(secret);
            assertThat(answers).as("the answers").noneMatch(answer -> answer.contains(secret));
        }
        assertThat(answers).as("the endpoints read").hasSizeGreaterThan(4);
    }

    /** A Basic header's credentials as they would show if a header were echoed. */
    private static String basic(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Good and bad logins of every kind, so a careless log line would show a password or token. */
    private void useTheLogins() {
        TestLogins.RESPONDER.on(rest).getForEntity("/api/v1/admin/audit", String.class);
        TestLogins.ADMIN.on(rest).getForEntity("/api/v1/admin/audit", String.class);
        rest.withBasicAuth(TestLogins.VIEWER.username(), TestLogins.RESPONDER.password()).getForEntity("/api/v1/admin/audit", String.class);
        HttpHeaders token = new HttpHeaders();
        token.setBearerAuth(TestLogins.RESPONDER_API_TOKEN);
        rest.exchange("/api/v1/admin/audit", HttpMethod.GET, new HttpEntity<>(token), String.class);
        HttpHeaders wrongToken = new HttpHeaders();
        wrongToken.setBearerAuth(TestLogins.RESPONDER_API_TOKEN + "-wrong");
        rest.exchange("/api/v1/admin/audit", HttpMethod.GET, new HttpEntity<>(wrongToken), String.class);
    }

    private Set<String> readablePaths() {
        Set<String> paths = new TreeSet<>();
        for (String endpoint : MappedEndpoints.of(context)) {
            if (endpoint.startsWith("GET ")) {
                String pattern = endpoint.substring(4);
                ids().forEach(id -> paths.add(MappedEndpoints.path(pattern, id)));
            }
        }
        return paths;
    }
}
