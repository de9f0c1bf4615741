package io.incidents.localauth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client reads before it logs anyone in, and what a person sees. */
@LocalAuthTest
class DiscoveryAndPagesTest {

    @LocalServerPort
    int port;

    AuthHttp http;

    @BeforeEach
    void connect() {
        http = new AuthHttp(port);
    }

    @Test
    void theDiscoveryDocumentNamesTheConfiguredIssuerAndItsEndpoints() {
        HttpResponse<String> response = http.get("/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = AuthHttp.json(response);
        assertThat(discovery.path("issuer").asText()).isEqualTo(LocalAuthTest.ISSUER);
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(LocalAuthTest.ISSUER + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(LocalAuthTest.ISSUER + "/oauth2/token");
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(LocalAuthTest.ISSUER + "/oauth2/jwks");
        assertThat(discovery.path("userinfo_endpoint").asText()).isEqualTo(LocalAuthTest.ISSUER + "/userinfo");
        assertThat(texts(discovery.path("code_challenge_methods_supported"))).contains("S256");
        assertThat(texts(discovery.path("id_token_signing_alg_values_supported"))).contains("RS256");
    }

    @Test
    void theServedKeysAreOneRsaSigningKeyWithoutItsPrivatePart() {
        JsonNode keys = AuthHttp.json(http.get("/oauth2/jwks")).path("keys");

        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("kid").asText()).isNotBlank();
        assertThat(key.has("d")).as("the private exponent").isFalse();
    }

    @Test
    void healthIsOpenAndNothingElseOfActuatorIsServed() {
        HttpResponse<String> health = http.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(AuthHttp.json(health).path("status").asText()).isEqualTo("UP");
        assertThat(http.get("/actuator/env").statusCode()).as("a login first").isEqualTo(302);
        http.logIn("admin", "admin");
        assertThat(http.get("/actuator/env").statusCode()).as("not exposed, even to an admin").isEqualTo(404);
    }

    @Test
    void theLoginPageIsOurOwnFormWithNothingFromElsewhere() {
        HttpResponse<String> page = http.get("/login", "Accept", AuthHttp.HTML);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("<form method=\"post\" action=\"/login\">", "name=\"username\"", "name=\"password\"", "name=\"_csrf\"")
                .contains("For the local stack only")
                .doesNotContain("<script", "src=\"http", "href=\"http", "@import");
    }

    @Test
    void aPersonWhoLoggedInDirectlySeesWhoTheyAreAndCanSignOut() {
        HttpResponse<String> loggedIn = http.logIn("admin", "admin");
        assertThat(AuthHttp.location(loggedIn)).endsWith("/");

        String page = http.get("/", "Accept", AuthHttp.HTML).body();

        assertThat(page).contains("Signed in as <strong>admin</strong> (ADMIN)", "action=\"/logout\"");
    }

    @Test
    void theSignedInPageNeedsALogin() {
        HttpResponse<String> response = http.get("/", "Accept", AuthHttp.HTML);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(AuthHttp.location(response)).endsWith("/login");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
