package io.incidents.localauth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clients, from {@code local-auth.dashboard} and {@code local-auth.service-clients}: the
 * dashboard logs people in through the browser; services and scripts get tokens for themselves.
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

    /** Where a client-credentials client's role is kept on its registration. */
    private static final String ROLE_SETTING = "io.incidents.local-auth.role";

    @Bean
    RegisteredClientRepository registeredClients(LocalAuthProperties properties) {
        List<RegisteredClient> clients = new ArrayList<>();
        clients.add(dashboard(properties.dashboard()));
        properties.serviceClients().forEach(client -> clients.add(serviceClient(client)));
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** The role a client-credentials client acts with; none for the dashboard, whose tokens carry the user's. */
    static Optional<Role> roleOf(RegisteredClient client) {
        String role = client.getClientSettings().getSetting(ROLE_SETTING);
        return Optional.ofNullable(role).map(Role::valueOf);
    }

    static RegisteredClient dashboard(LocalAuthProperties.Dashboard dashboard) {
        if (dashboard.clientId() == null || dashboard.clientId().isBlank()) {
            throw new IllegalStateException("local-auth.dashboard.client-id is empty");
        }
        if (dashboard.redirectUris().isEmpty()) {
            throw new IllegalStateException("local-auth.dashboard.redirect-uris: the dashboard needs at least one");
        }
        return RegisteredClient.withId(dashboard.clientId())
                .clientId(dashboard.clientId())
                // A browser application cannot keep a secret: it is a public client, and PKCE
                // stands in for the secret when the code is exchanged.
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(dashboard.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(dashboard.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                // Our own application on our own machine: asking the user to consent adds nothing.
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                // A public client's refresh token is a bearer secret in a browser's reach: each one
                // is good for a single use (rotation, OAuth 2.1 section 4.3.1).
                .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build())
                .build();
    }

    static RegisteredClient serviceClient(LocalAuthProperties.ServiceClient client) {
        if (client.clientId() == null || client.clientId().isBlank()) {
            throw new IllegalStateException("local-auth.service-clients: a client has no client-id");
        }
        if (client.role() == null) {
            throw new IllegalStateException("local-auth.service-clients: '" + client.clientId() + "' has no role");
        }
        String hash = BcryptHashes.require(client.secretHash(), "local-auth.service-clients: the secret hash", client.clientId());
        return RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientSecret(hash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().setting(ROLE_SETTING, client.role().name()).build())
                .build();
    }
}
