package io.incidents.support.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * {@code Authorization: Bearer}: an API token (it starts with {@link ApiTokens#PREFIX}) or an
 * OpenID Connect access token (a JWT, checked against the issuer's keys). Neither is throttled:
 * an API token is 32 random bytes and a JWT is signed, so neither can be guessed, and a script
 * left with a revoked token must not lock its whole address out of password logins.
 */
final class BearerLogins implements AuthenticationManager {

    private final ApiTokens apiTokens;
    private final JwtAuthenticationProvider jwt;
    BearerLogins(ApiTokens apiTokens, JwtDecoder jwtDecoder, String rolesClaim) {
        this.apiTokens = apiTokens;
        if (jwtDecoder == null) {
            this.jwt = null;
        } else {
            this.jwt = new JwtAuthenticationProvider(jwtDecoder);
            this.jwt.setJwtAuthenticationConverter(new JwtRoles(rolesClaim));
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
        if (bearer.getToken().startsWith(ApiTokens.PREFIX) || !looksLikeJwt(bearer.getToken())) {
            return apiTokens.authenticate(bearer.getToken());
        }
        if (jwt == null) {
            throw new BadCredentialsException("No OpenID Connect provider is configured here; use an API token or a login.");
        }
        return jwt.authenticate(bearer);
    }

    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
