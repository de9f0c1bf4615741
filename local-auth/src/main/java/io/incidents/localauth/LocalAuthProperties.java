package io.incidents.localauth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Everything the local identity provider serves ({@code local-auth.*}).
 *
 * @param issuer         the issuer URL written into every token and the discovery document; the
 *                       services must reach this server under exactly this URL
 * @param keyFile        where the RSA signing key is kept (created on first start), so tokens stay
 *                       valid across restarts; empty: a new key in memory on every start
 * @param users          who may log in through the form, each with a BCrypt hash and one role
 * @param dashboard      the browser login client of the support dashboard
 * @param serviceClients client-credentials clients for services and scripts, each with one role
 */
@ConfigurationProperties("local-auth")
public record LocalAuthProperties(
        @DefaultValue("http://localhost:8084") String issuer,
        String keyFile,
        List<User> users,
        @DefaultValue Dashboard dashboard,
        List<ServiceClient> serviceClients) {

    /** A login: {@code local-auth.users[0].username / password-hash / role}. */
    public record User(String username, String passwordHash, Role role) {
    }

    /**
     * The dashboard's public client: no secret (it could not keep one), so PKCE is required.
     *
     * @param postLogoutRedirectUris where OpenID Connect logout may send the browser back to
     */
    public record Dashboard(
            @DefaultValue("incidents-dashboard") String clientId,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris) {

        public Dashboard {
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        }
    }

    /** A client-credentials client: {@code local-auth.service-clients[0].client-id / secret-hash / role}. */
    public record ServiceClient(String clientId, String secretHash, Role role) {
    }

    public LocalAuthProperties {
        keyFile = keyFile == null ? "" : keyFile.trim();
        users = users == null ? List.of() : List.copyOf(users);
        serviceClients = serviceClients == null ? List.of() : List.copyOf(serviceClients);
    }
}
