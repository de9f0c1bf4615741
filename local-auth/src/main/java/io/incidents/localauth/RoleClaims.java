package io.incidents.localauth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;

/**
 * Writes who the token is for into access and ID tokens, the way the services read it: the roles
 * as a JSON array under the configured claim, and for people {@code preferred_username}
 * ({@code sub} is already the user name or the client id).
 */
class RoleClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final String ROLE_PREFIX = "ROLE_";
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final String rolesClaim;

    RoleClaims(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) && !ID_TOKEN.equals(context.getTokenType())) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            // The client acts for itself, with the one role it was configured with.
            List<String> roles = ClientsConfiguration.roleOf(context.getRegisteredClient()).map(Role::name).stream().toList();
            context.getClaims().claim(rolesClaim, roles);
            return;
        }
        // Authorization code and refresh token: the client acts for the person who logged in.
        Authentication user = context.getPrincipal();
        context.getClaims()
                .claim(StandardClaimNames.PREFERRED_USERNAME, user.getName())
                .claim(rolesClaim, rolesOf(user));
    }

    private static List<String> rolesOf(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .toList();
    }
}
