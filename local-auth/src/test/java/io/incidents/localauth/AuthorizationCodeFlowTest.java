package io.incidents.localauth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person logs in to the dashboard: authorization code with PKCE, through the login form. */
@LocalAuthTest
class AuthorizationCodeFlowTest {

    @LocalServerPort
    int port;

    AuthHttp browser;

    @BeforeEach
    void openBrowser() {
        browser = new AuthHttp(port);
    }

    @Test
    void supportLogsInAndTheDashboardGetsAViewerToken() {
        Pkce pkce = Pkce.create();
        Map<String, String> redirect = DashboardLogin.logInAndAuthorize(browser, "support", "support", pkce, "s-1");
        assertThat(redirect).containsEntry("state", "s-1").containsKey("code");

        HttpResponse<String> response = DashboardLogin.exchange(browser, redirect.get("code"), pkce.verifier());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = AuthHttp.json(response);
        assertThat(tokens.path("scope").asText().split(" ")).containsExactlyInAnyOrder("openid", "profile");
        Jwt access = browser.verify(tokens.path("access_token").asText());
        assertThat(access.getHeaders()).containsEntry("alg", "RS256");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("VIEWER");
        assertThat(access.getSubject()).isEqualTo("support");
        assertThat(access.getClaimAsString("preferred_username")).isEqualTo("support");
        assertThat(access.getAudience()).containsExactly(DashboardLogin.CLIENT_ID);
        assertThat(access.getClaimAsString("iss")).isEqualTo(LocalAuthTest.ISSUER);

        Jwt id = browser.verify(tokens.path("id_token").asText());
        assertThat(id.getSubject()).isEqualTo("support");
        assertThat(id.getClaimAsString("nonce")).isEqualTo("n-s-1");
        assertThat(id.getClaimAsString("preferred_username")).isEqualTo("support");
        assertThat(id.getClaimAsStringList("roles")).containsExactly("VIEWER");
    }

    @ParameterizedTest
    @CsvSource({"oncall, oncall, RESPONDER", "admin, admin, ADMIN"})
    void eachStackLoginGetsItsOwnRole(String username, String password, String role) {
        Pkce pkce = Pkce.create();
        Map<String, String> redirect = DashboardLogin.logInAndAuthorize(browser, username, password, pkce, "s-" + username);

        JsonNode tokens = AuthHttp.json(DashboardLogin.exchange(browser, redirect.get("code"), pkce.verifier()));

        Jwt access = browser.verify(tokens.path("access_token").asText());
        assertThat(access.getClaimAsStringList("roles")).containsExactly(role);
        assertThat(access.getSubject()).isEqualTo(username);
    }

    @Test
    void userinfoAnswersForTheAccessToken() {
        String accessToken = logInAs("oncall").path("access_token").asText();

        HttpResponse<String> userinfo = new AuthHttp(port).get("/userinfo", "Authorization", "Bearer " + accessToken);

        assertThat(userinfo.statusCode()).isEqualTo(200);
        JsonNode claims = AuthHttp.json(userinfo);
        assertThat(claims.path("sub").asText()).isEqualTo("oncall");
        assertThat(claims.path("preferred_username").asText()).isEqualTo("oncall");
    }

    @Test
    void aRefreshTokenGivesNewTokensOnceOnly() {
        String refreshToken = logInAs("support").path("refresh_token").asText();
        assertThat(refreshToken).isNotBlank();
        AuthHttp dashboard = new AuthHttp(port);

        HttpResponse<String> refreshed = refresh(dashboard, refreshToken);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonNode tokens = AuthHttp.json(refreshed);
        Jwt access = dashboard.verify(tokens.path("access_token").asText());
        assertThat(access.getSubject()).isEqualTo("support");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("VIEWER");
        assertThat(tokens.path("refresh_token").asText()).isNotBlank().isNotEqualTo(refreshToken);

        HttpResponse<String> replayed = refresh(dashboard, refreshToken);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(replayed).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void anotherClientCannotUseTheDashboardsRefreshToken() {
        String refreshToken = logInAs("support").path("refresh_token").asText();

        HttpResponse<String> response = new AuthHttp(port).postForm("/oauth2/token",
                AuthHttp.form("grant_type", "refresh_token", "refresh_token", refreshToken),
                "Authorization", AuthHttp.basic("stack-script", "stack-script-secret"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(response).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void withoutPkceTheDashboardGetsAnErrorAndNoCode() {
        assertThat(browser.logIn("support", "support").statusCode()).isEqualTo(302);

        HttpResponse<String> response = browser.get(DashboardLogin.authorizeUrl(null, "s-2", "n-2"), "Accept", AuthHttp.HTML);

        assertThat(response.statusCode()).isEqualTo(302);
        String location = AuthHttp.location(response);
        assertThat(location).startsWith(DashboardLogin.REDIRECT_URI + "?");
        Map<String, String> query = AuthHttp.queryOf(location);
        assertThat(query).containsEntry("error", "invalid_request").containsEntry("state", "s-2").doesNotContainKey("code");
        assertThat(query.get("error_description")).contains("code_challenge");
    }

    @Test
    void theCodeIsWorthNothingWithoutItsVerifier() {
        Pkce pkce = Pkce.create();
        String code = DashboardLogin.logInAndAuthorize(browser, "support", "support", pkce, "s-3").get("code");

        HttpResponse<String> noVerifier = DashboardLogin.exchange(browser, code, null);
        HttpResponse<String> wrongVerifier = DashboardLogin.exchange(browser, code, Pkce.create().verifier());

        // Without a verifier nothing authenticates a public client: Spring answers invalid_client (with a 400).
        assertThat(noVerifier.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(noVerifier).path("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(AuthHttp.json(wrongVerifier).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(noVerifier.body() + wrongVerifier.body()).doesNotContain("access_token");
    }

    @Test
    void aWrongPasswordSendsTheBrowserBackToTheFormWithoutACode() {
        browser.get(DashboardLogin.authorizeUrl(Pkce.create(), "s-4", "n-4"), "Accept", AuthHttp.HTML);

        HttpResponse<String> failed = browser.logIn("support", "oncall");

        assertThat(failed.statusCode()).isEqualTo(302);
        assertThat(AuthHttp.location(failed)).endsWith("/login?error");
        assertThat(browser.get("/login?error", "Accept", AuthHttp.HTML).body()).contains("Wrong user name or password.");
        HttpResponse<String> again = browser.get(DashboardLogin.authorizeUrl(Pkce.create(), "s-4", "n-4"), "Accept", AuthHttp.HTML);
        assertThat(AuthHttp.location(again)).endsWith("/login");
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() {
        String url = DashboardLogin.authorizeUrl(Pkce.create(), "s-5", "n-5")
                .replace("localhost%3A8082", "attacker.example");

        HttpResponse<String> response = browser.get(url, "Accept", AuthHttp.HTML);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    private JsonNode logInAs(String username) {
        Pkce pkce = Pkce.create();
        AuthHttp ownBrowser = new AuthHttp(port);
        String code = DashboardLogin.logInAndAuthorize(ownBrowser, username, username, pkce, "s-" + username).get("code");
        HttpResponse<String> response = DashboardLogin.exchange(ownBrowser, code, pkce.verifier());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AuthHttp.json(response);
    }

    private static HttpResponse<String> refresh(AuthHttp client, String refreshToken) {
        return client.postForm("/oauth2/token", AuthHttp.form(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", DashboardLogin.CLIENT_ID));
    }
}
