package io.incidents.localauth;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dashboard and the browser do together: the authorization request with PKCE, the login
 * form, the redirect back with a code, and the code exchange.
 */
final class DashboardLogin {

    static final String CLIENT_ID = "incidents-dashboard";
    static final String REDIRECT_URI = "http://localhost:8082/login/oauth2/code/local";

    private DashboardLogin() {
    }

    /** The authorization URL as the dashboard builds it; without a challenge when {@code pkce} is null. */
    static String authorizeUrl(Pkce pkce, String state, String nonce) {
        Map<String, String> parameters = AuthHttp.form(
                "response_type", "code",
                "client_id", CLIENT_ID,
                "scope", "openid profile",
                "redirect_uri", REDIRECT_URI,
                "state", state,
                "nonce", nonce);
        if (pkce != null) {
            parameters.put("code_challenge", pkce.challenge());
            parameters.put("code_challenge_method", "S256");
        }
        return "/oauth2/authorize?" + AuthHttp.formBody(parameters);
    }

    /**
     * Goes through the login form and comes back to the dashboard's redirect URI; returns the query
     * of that redirect (code and state). Each step is asserted, so a broken step names itself.
     */
    static Map<String, String> logInAndAuthorize(AuthHttp browser, String username, String password, Pkce pkce, String state) {
        HttpResponse<String> unauthenticated = browser.get(authorizeUrl(pkce, state, "n-" + state), "Accept", AuthHttp.HTML);
        assertThat(unauthenticated.statusCode()).isEqualTo(302);
        assertThat(AuthHttp.location(unauthenticated)).endsWith("/login");

        HttpResponse<String> loggedIn = browser.logIn(username, password);
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String backToAuthorize = AuthHttp.location(loggedIn);
        assertThat(backToAuthorize).contains("/oauth2/authorize");

        HttpResponse<String> authorized = browser.get(backToAuthorize, "Accept", AuthHttp.HTML);
        assertThat(authorized.statusCode()).isEqualTo(302);
        String redirect = AuthHttp.location(authorized);
        assertThat(redirect).startsWith(REDIRECT_URI + "?");
        return AuthHttp.queryOf(redirect);
    }

    static HttpResponse<String> exchange(AuthHttp client, String code, String codeVerifier) {
        Map<String, String> form = AuthHttp.form(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", REDIRECT_URI,
                "client_id", CLIENT_ID);
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return client.postForm("/oauth2/token", form);
    }
}
