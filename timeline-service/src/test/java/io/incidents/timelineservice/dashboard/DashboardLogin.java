package io.incidents.timelineservice.dashboard;

import io.incidents.support.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Client;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

/**
 * A person logged in to the dashboard through its OpenID Connect client registration, with a
 * role, holding an access token {@code token-of-<name>} (what the dashboard relays upstream).
 */
public final class DashboardLogin {

    private final ClientRegistration local;

    public DashboardLogin(ClientRegistrationRepository registrations) {
        this.local = registrations.findByRegistrationId("local");
    }

    public RequestPostProcessor as(String name, Role role) {
        Collection<GrantedAuthority> authorities = List.copyOf(role.authorities());
        RequestPostProcessor login = oidcLogin().clientRegistration(local)
                .idToken(token -> token.subject(name).claim("preferred_username", name))
                .authorities(authorities);
        RequestPostProcessor token = oauth2Client("local").clientRegistration(local).principalName(name)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-of-" + name,
                        Instant.now(), Instant.now().plusSeconds(600)));
        return request -> token.postProcessRequest(login.postProcessRequest(request));
    }
}
