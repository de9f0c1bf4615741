package io.incidents.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An API token of a workload's own, issued by the stack's ADMIN login for one role and revoked
 * when the workload ends (it also expires by itself a few hours later, should the run be killed):
 * scripts send commands and reads this way, and a token costs the services a SHA-256 lookup
 * rather than a login.
 */
final class ApiToken implements Credentials, AutoCloseable {

    private static final Duration LIFETIME = Duration.ofHours(6);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Http http;
    private final URI tokenUri;
    private final String name;
    private final String token;

    private ApiToken(Http http, URI tokenUri, String name, String token) {
        this.http = http;
        this.tokenUri = tokenUri;
        this.name = name;
        this.token = token;
    }

    /** Issues a token with {@code role} and waits until the read side accepts it (it learns of tokens through Kafka). */
    static ApiToken issue(Http http, Targets targets, String purpose, String role) throws InterruptedException {
        URI tokens = targets.incidentService().resolve("/api/v1/admin/tokens");
        String name = "bench " + purpose + " " + Instant.now().getEpochSecond();
        String expiresAt = Instant.now().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode issued = http.expect(201, Http.postJson(tokens, BasicLogin.ADMIN,
                "{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"expiresAt\":\"" + expiresAt + "\"}"));
        ApiToken token = new ApiToken(http, tokens.resolve("/api/v1/admin/tokens/" + issued.path("id").asText()), name,
                issued.path("token").asText());
        token.awaitAccepted(targets.timelineService().resolve("/api/v1/incidents?size=1"));
        return token;
    }

    private void awaitAccepted(URI read) throws InterruptedException {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        int status;
        while ((status = http.status(Http.get(read, this))) != 200) {
            if (status != 401 || System.nanoTime() > giveUpAt) {
                throw new BenchFailure("the API token '" + name + "' is answered " + status + " by " + read);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public String header() {
        return "Bearer " + token;
    }

    /** Revokes the token; a failure here is reported, never hides the run's own outcome. */
    @Override
    public void close() throws InterruptedException {
        try {
            http.expect(204, Http.delete(tokenUri, BasicLogin.ADMIN));
        } catch (BenchFailure e) {
            Console.say("could not revoke the API token '%s' (it expires by itself): %s", name, e.getMessage());
        }
    }
}
