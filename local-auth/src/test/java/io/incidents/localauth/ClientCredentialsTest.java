package io.incidents.localauth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Services and scripts get tokens for themselves, each with its client's one role. */
@LocalAuthTest
class ClientCredentialsTest {

    @LocalServerPort
    int port;

    AuthHttp http;

    @BeforeEach
    void connect() {
        http = new AuthHttp(port);
    }

    @Test
    void theStackScriptGetsAnRs256TokenThatVerifiesAgainstTheServedKeysAndCarriesResponder() {
        JsonNode response = tokenFor("stack-script", "stack-script-secret");

        assertThat(response.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.path("expires_in").asInt()).isPositive();
        assertThat(response.has("refresh_token")).as("a client acting for itself asks again instead").isFalse();
        Jwt token = http.verify(response.path("access_token").asText());
        assertThat(token.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
        assertThat(token.getClaimAsStringList("roles")).containsExactly("RESPONDER");
        assertThat(token.getSubject()).isEqualTo("stack-script");
        assertThat(token.getClaimAsString("iss")).isEqualTo(LocalAuthTest.ISSUER);
        assertThat(token.hasClaim("preferred_username")).as("not a person").isFalse();
    }

    @Test
    void prometheusGetsOnlyMetrics() {
        // client_secret_post this time: both ways of sending the secret are accepted.
        HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form(
                "grant_type", "client_credentials", "client_id", "prometheus", "client_secret", "prometheus-secret"));

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt token = http.verify(AuthHttp.json(response).path("access_token").asText());
        assertThat(token.getClaimAsStringList("roles")).containsExactly("METRICS");
        assertThat(token.getSubject()).isEqualTo("prometheus");
    }

    @Test
    void aTokenWhoseRolesWereRewrittenNoLongerVerifies() {
        String[] parts = tokenFor("prometheus", "prometheus-secret").path("access_token").asText().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("[\"METRICS\"]", "[\"ADMIN\"]");
        assertThat(forged).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> http.verify(tampered)).isInstanceOf(JwtException.class).hasMessageContaining("signature");
    }

    @Test
    void aWrongSecretGets401AndNoToken() {
        HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form("grant_type", "client_credentials"),
                "Authorization", AuthHttp.basic("stack-script", "prometheus-secret"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AuthHttp.json(response).path("error").asText()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void anUnknownClientGets401() {
        HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form("grant_type", "client_credentials"),
                "Authorization", AuthHttp.basic("grafana", "stack-script-secret"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AuthHttp.json(response).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void theDashboardCannotGetATokenForItself() {
        // A public client has no secret, so nothing proves who asks: client credentials are refused.
        HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form(
                "grant_type", "client_credentials", "client_id", DashboardLogin.CLIENT_ID));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("access_token");
    }

    private JsonNode tokenFor(String clientId, String secret) {
        HttpResponse<String> response = http.postForm("/oauth2/token", AuthHttp.form("grant_type", "client_credentials"),
                "Authorization", AuthHttp.basic(clientId, secret));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AuthHttp.json(response);
    }
}
