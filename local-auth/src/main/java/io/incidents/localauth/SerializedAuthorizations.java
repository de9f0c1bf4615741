package io.incidents.localauth;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring's in-memory authorizations, one call at a time. {@link InMemoryOAuth2AuthorizationService}
 * keeps authorizations that are not yet finished in a map that {@code findByToken} iterates while
 * other logins add to it, so concurrent dashboard logins (50 in the benchmark) could fail with a
 * ConcurrentModificationException. Each call is a few map operations, so serializing them costs
 * nothing next to a login's BCrypt check.
 */
final class SerializedAuthorizations implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService delegate;

    SerializedAuthorizations(OAuth2AuthorizationService delegate) {
        this.delegate = delegate;
    }

    static SerializedAuthorizations inMemory() {
        return new SerializedAuthorizations(new InMemoryOAuth2AuthorizationService());
    }

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }
}
