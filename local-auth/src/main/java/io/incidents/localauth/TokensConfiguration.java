package io.incidents.localauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import java.nio.file.Path;

/** How tokens are made: the issuer, the signing key and the claims the services read. */
@Configuration(proxyBeanMethods = false)
class TokensConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokensConfiguration.class);

    @Bean
    AuthorizationServerSettings authorizationServerSettings(LocalAuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(LocalAuthProperties properties) {
        RSAKey key;
        if (properties.keyFile().isEmpty()) {
            key = SigningKeys.generate();
            log.warn("No local-auth.key-file: the signing key {} lives in memory, tokens will not verify after a restart", key.getKeyID());
        } else {
            key = SigningKeys.loadOrCreate(Path.of(properties.keyFile()));
            log.info("Signing key {} from {}", key.getKeyID(), properties.keyFile());
        }
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Checks this server's own access tokens, at the userinfo endpoint. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKeys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
    }

    /** Logins and their tokens, in memory (the local stack only) and safe for concurrent logins. */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        return SerializedAuthorizations.inMemory();
    }

    @Bean
    RoleClaims roleClaims(RolesClaimProperties properties) {
        return new RoleClaims(properties.rolesClaim());
    }

    /** Spring's generators, with our claims on every JWT and refresh tokens for the public dashboard client. */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> signingKeys, RoleClaims roleClaims) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(signingKeys));
        jwts.setJwtCustomizer(roleClaims);
        return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(), new PublicClientRefreshTokenGenerator());
    }
}
