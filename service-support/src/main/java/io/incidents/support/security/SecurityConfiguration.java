package io.incidents.support.security;

import io.incidents.support.audit.AuditLog;
import io.incidents.support.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who may call what, for every service. Two filter chains:
 * <ul>
 *   <li>public paths (health, API docs, a status page, alert endpoints that check their own
 *       integration keys): no login looked at, so a stray header cannot turn them into a 401;</li>
 *   <li>everything else: HTTP Basic from configured users, or {@code Bearer} with an OpenID
 *       Connect access token or an API token; stateless (no session, hence no cookie a forged
 *       request could ride on); the role matrix of SPEC 9 from the common rules and the service's
 *       {@link AccessRules}; what no rule names is denied.</li>
 * </ul>
 * A service that has no way to log in configured refuses to start and says what to set.
 */
@AutoConfiguration(after = io.incidents.support.audit.AuditConfiguration.class, before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@EnableConfigurationProperties(IdentityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Health for load balancers, the API's description, and the error page requests are forwarded to. */
    private static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error");

    /*
     * What a request costs before it reaches its handler (issue 11's profile of command-throughput:
     * these three were about a quarter of incident-service's CPU per command). Spring Security
     * times each filter of each chain as an observation of its own: off; every request is still
     * timed as a whole (http.server.requests). Paths are matched as Spring MVC's path patterns,
     * not by asking every handler mapping of Spring MVC per rule and request. Headers are checked
     * by HeaderFirewall's loop instead of a regular expression each time one is read.
     */

    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    HttpFirewall httpFirewall() {
        return HeaderFirewall.create();
    }

    @Bean
    LoginThrottle loginThrottle(IdentityProperties properties, ObjectProvider<Clock> clock, AuditLog audit) {
        return new LoginThrottle(properties, clock.getIfAvailable(Clock::systemUTC), audit);
    }

    @Bean
    BasicLogins basicLogins(IdentityProperties properties, LoginThrottle throttle) {
        return new BasicLogins(properties, throttle);
    }

    @Bean
    ApiTokens apiTokens(IdentityProperties properties, ObjectProvider<Clock> clock) {
        return new ApiTokens(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @Order(1)
    SecurityFilterChain publicEndpoints(HttpSecurity http, IdentityProperties properties) throws Exception {
        return publicChain(http, Stream.concat(ALWAYS_PUBLIC.stream(), properties.publicPaths().stream()).toArray(String[]::new));
    }

    /** A chain that lets anyone call {@code paths}: no login, no session, no CSRF token (nothing there uses a cookie). */
    public static SecurityFilterChain publicChain(HttpSecurity http, String... paths) throws Exception {
        return http
                .securityMatcher(paths)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, IdentityProperties properties, BasicLogins basicLogins, ApiTokens apiTokens,
                            ObjectProvider<JwtDecoder> jwtDecoder, List<AccessRules> serviceRules,
                            ProblemWriter problemWriter, AuditLog audit) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder == null && !basicLogins.hasUsers() && !apiTokens.hasConfiguredTokens()) {
            throw new IllegalStateException("Nobody could log in: configure an OpenID Connect provider"
                    + " (spring.security.oauth2.resourceserver.jwt.issuer-uri, env SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI),"
                    + " or users (incidents.security.users[0].username / password-hash / role), or API tokens"
                    + " (incidents.security.tokens[0].name / sha256 / role). See the README, section Identity and access.");
        }
        if (properties.anonymousRole() != null && !properties.anonymousRole().isBlank()) {
            Role anonymous = Role.parse(properties.anonymousRole()).orElseThrow(() -> new IllegalStateException(
                    "incidents.security.anonymous-role must be one of VIEWER, RESPONDER, ADMIN, METRICS"));
            log.warn("Callers without a login get the role {} (incidents.security.anonymous-role)", anonymous);
            http.anonymous(anonymousAccess -> anonymousAccess.authorities(anonymous.authorities()));
        }
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(problemWriter, audit);
        BearerLogins bearer = new BearerLogins(apiTokens, decoder, properties.rolesClaim());
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authenticationManager(new ProviderManager(basicLogins))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new CrossSiteRequestFilter(problemWriter), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                            .requestMatchers(HttpMethod.GET, "/actuator", "/actuator/prometheus", "/actuator/metrics",
                                    "/actuator/metrics/**")
                            .hasAnyRole(Role.METRICS.name(), Role.ADMIN.name())
                            .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name());
                    serviceRules.forEach(rules -> rules.apply(requests));
                    requests.anyRequest().denyAll();
                })
                .build();
    }
}
