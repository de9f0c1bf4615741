package io.incidents.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Set;

/**
 * Reads an OpenID Connect access token: the roles from the configured claim (a list, or a
 * space-separated text; names the product does not know are ignored), the actor from
 * {@code preferred_username}, else {@code sub}.
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;

    JwtRoles(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = Role.authoritiesFromClaim(jwt.getClaim(rolesClaim));
        String user = jwt.getClaimAsString("preferred_username");
        String name = user != null && !user.isBlank() ? user : jwt.getSubject();
        // A token naming nobody still needs an actor for events and the audit log.
        return new JwtAuthenticationToken(jwt, authorities, name != null ? name : "oidc:unnamed");
    }
}
