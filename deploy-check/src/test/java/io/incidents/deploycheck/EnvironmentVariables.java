package io.incidents.deploycheck;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How an environment variable given to a service reaches one of its settings: a {@code ${NAME}}
 * placeholder in the service's application.yml, or Spring's relaxed binding of an existing
 * property. The second kind is listed here, each with the property it binds to and why a
 * deployment sets it; {@code EnvironmentVariablesTest} checks that each binds to that property
 * and that the property exists.
 */
final class EnvironmentVariables {

    /** A variable that binds to {@code property} by Spring's relaxed binding, for these modules. */
    record Relaxed(String variable, String property, Set<String> modules) {
    }

    private static final Set<String> ALL = Set.copyOf(Repository.IMAGES);
    private static final Set<String> SERVICES = Set.copyOf(Repository.SERVICES);
    /** The dashboard's OpenID Connect login is timeline-service's alone. */
    private static final Set<String> DASHBOARD = Set.of("timeline-service");

    static final List<Relaxed> RELAXED = List.of(
            // local-auth listens on 127.0.0.1 by default; in a container it must listen on every interface.
            new Relaxed("SERVER_ADDRESS", "server.address", ALL),
            // Behind a proxy or an ingress: the client's address (and scheme, port) from X-Forwarded-*.
            new Relaxed("SERVER_FORWARD_HEADERS_STRATEGY", "server.forward-headers-strategy", SERVICES),
            // Settings that are lists or secrets, from a mounted application.yml (Kubernetes).
            new Relaxed("SPRING_CONFIG_ADDITIONAL_LOCATION", "spring.config.additional-location", SERVICES),
            // The OpenID Connect provider whose tokens the APIs accept (SPEC 9), and where its keys
            // are fetched when the pods reach it by another address than the issuer's (compose).
            new Relaxed("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", SERVICES),
            new Relaxed("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI",
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", SERVICES),
            // The dashboard's login: the client registration "local" (part of its redirect URI) ...
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LOCAL_PROVIDER",
                    "spring.security.oauth2.client.registration.local.provider", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LOCAL_CLIENTID",
                    "spring.security.oauth2.client.registration.local.client-id", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LOCAL_CLIENTAUTHENTICATIONMETHOD",
                    "spring.security.oauth2.client.registration.local.client-authentication-method", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LOCAL_AUTHORIZATIONGRANTTYPE",
                    "spring.security.oauth2.client.registration.local.authorization-grant-type", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LOCAL_REDIRECTURI",
                    "spring.security.oauth2.client.registration.local.redirect-uri", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LOCAL_SCOPE",
                    "spring.security.oauth2.client.registration.local.scope", DASHBOARD),
            // ... and its provider: discovered from the issuer (Kubernetes), or each endpoint named
            // (compose, where the browser and the container reach local-auth by different addresses).
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_LOCAL_ISSUERURI",
                    "spring.security.oauth2.client.provider.local.issuer-uri", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_LOCAL_AUTHORIZATIONURI",
                    "spring.security.oauth2.client.provider.local.authorization-uri", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_LOCAL_TOKENURI",
                    "spring.security.oauth2.client.provider.local.token-uri", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_LOCAL_JWKSETURI",
                    "spring.security.oauth2.client.provider.local.jwk-set-uri", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_LOCAL_USERINFOURI",
                    "spring.security.oauth2.client.provider.local.user-info-uri", DASHBOARD),
            new Relaxed("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_LOCAL_USERNAMEATTRIBUTE",
                    "spring.security.oauth2.client.provider.local.user-name-attribute", DASHBOARD),
            // Kafka over SASL_SSL with SCRAM (docs/deploy-kafka.md): Spring Boot's own client settings.
            new Relaxed("SPRING_KAFKA_SECURITY_PROTOCOL", "spring.kafka.security.protocol", SERVICES),
            new Relaxed("SPRING_KAFKA_SSL_TRUSTSTORELOCATION", "spring.kafka.ssl.trust-store-location", SERVICES),
            new Relaxed("SPRING_KAFKA_SSL_TRUSTSTORETYPE", "spring.kafka.ssl.trust-store-type", SERVICES),
            new Relaxed("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "spring.kafka.properties.sasl.mechanism", SERVICES),
            new Relaxed("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "spring.kafka.properties.sasl.jaas.config", SERVICES));

    /** Read by the JVM itself, not by Spring: options added to the image's (docs/deploy.md). */
    static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");

    private EnvironmentVariables() {
    }

    /** How {@code variable} reaches a setting of {@code module}, or empty when it reaches none. */
    static Optional<String> reach(ServiceSettings module, String variable) {
        if (module.placeholders().contains(variable)) {
            return Optional.of("${" + variable + "} in " + module.module() + "'s application.yml");
        }
        if (JVM.contains(variable)) {
            return Optional.of("the JVM");
        }
        return RELAXED.stream()
                .filter(relaxed -> relaxed.variable().equals(variable) && relaxed.modules().contains(module.module()))
                .findFirst()
                .map(relaxed -> relaxed.property());
    }
}
