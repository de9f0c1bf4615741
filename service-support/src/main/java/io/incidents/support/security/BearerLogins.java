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
 * OpenID Connect access token (a JWT, checked against the issuer's keys). Failed API tokens
 * count against the caller's address like failed passwords.
 */
final class BearerLogins implements AuthenticationManager {

    private final ApiTokens apiTokens;
    private final JwtAuthenticationProvider jwt;
    private final LoginThrottle throttle;

    BearerLogins(ApiTokens apiTokens, JwtDecoder jwtDecoder, String rolesClaim, LoginThrottle throttle) {
        this.apiTokens = apiTokens;
        this.throttle = throttle;
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
        String address = LoginThrottle.addressOf(bearer);
        throttle.checkAllowed(null, address);
        try {
            if (bearer.getToken().startsWith(ApiTokens.PREFIX) || !looksLikeJwt(bearer.getToken())) {
                return apiTokens.authenticate(bearer.getToken());
            }
            if (jwt == null) {
                throw new BadCredentialsException("No OpenID Connect provider is configured here; use an API token or a login.");
            }
            return jwt.authenticate(bearer);
        } catch (AuthenticationException e) {
            throttle.failed(null, address, "bearer");
            throw e;
        }
    }

    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
