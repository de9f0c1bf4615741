package io.incidents.timelineservice.dashboard;

import io.incidents.support.security.CrossSiteRequestFilter;
import io.incidents.support.security.IdentityProperties;
import io.incidents.support.security.Role;
import io.incidents.support.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * The dashboard's own filter chain, ahead of the stateless API's. People log in once through the
 * OpenID Connect provider (authorization code with PKCE) and then hold a session cookie; the
 * session (kept in PostgreSQL) holds their tokens, which the dashboard relays to incident-service
 * and notification-service, so every action is taken under the person's own identity and
 * checked there again. Because a cookie rides along on forged requests, every state-changing
 * request needs the session's CSRF token and cross-site requests are refused outright.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    private static final Logger log = LoggerFactory.getLogger(DashboardSecurity.class);

    /** Every page the dashboard serves; the API under /api keeps its own chain, the assets theirs. */
    static final String[] PATHS = {"/", "/incidents/**", "/sla", "/sla/**", "/oncall", "/admin", "/admin/**", "/ui/**",
            "/login/**", "/oauth2/**", "/logout"};

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    OAuth2AuthorizedClientRepository dashboardAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * The pages' scripts and styles: public, and cached by browsers for a year, since their
     * addresses carry a hash of their content ({@code spring.web.resources.chain}): a new version
     * has a new address. (The pages' chain forbids caching, as it should for pages.)
     */
    @Bean
    @Order(-1)
    SecurityFilterChain dashboardAssets(HttpSecurity http) throws Exception {
        return http.securityMatcher("/assets/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers
                        .cacheControl(cache -> cache.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(0)
    SecurityFilterChain dashboard(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
                                  OAuth2AuthorizedClientRepository authorizedClients, IdentityProperties identity,
                                  ProblemWriter problemWriter) throws Exception {
        http.securityMatcher(PATHS)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new CrossSiteRequestFilter(problemWriter), CsrfFilter.class);
        ClientRegistrationRepository clients = registrations.getIfAvailable();
        if (clients == null) {
            log.warn("The dashboard has no OpenID Connect client configured (spring.security.oauth2.client.registration.*):"
                    + " it answers 503 until one is; see the README, section Dashboard");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .addFilterBefore((request, response, chain) -> problemWriter.write(
                            (jakarta.servlet.http.HttpServletResponse) response, notConfigured()), CsrfFilter.class)
                    .build();
        }
        OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(clients);
        logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin", "/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/incidents/*/actions/**").hasRole(Role.RESPONDER.name())
                        .requestMatchers(HttpMethod.POST, "/sla/what-if").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.GET, "/", "/incidents/**", "/sla", "/sla/**", "/oncall", "/ui/**")
                        .hasRole(Role.VIEWER.name())
                        .requestMatchers("/login/**", "/oauth2/**", "/logout").permitAll()
                        .anyRequest().denyAll())
                .oauth2Login(login -> login
                        .authorizedClientRepository(authorizedClients)
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new DashboardUsers(identity.rolesClaim()))))
                // Scripts (live stream, fragments) get a 401 to act on, not a redirect to a login form.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), new AntPathRequestMatcher("/ui/**")))
                .logout(logout -> logout.logoutSuccessHandler(logoutSuccess))
                .requestCache(cache -> cache.requestCache(savedRequests()))
                .build();
    }

    /** Fetches a fresh access token with the refresh token when the one in the session has expired. */
    @Bean
    OAuth2AuthorizedClientManager dashboardAuthorizedClientManager(ObjectProvider<ClientRegistrationRepository> registrations,
                                                                   OAuth2AuthorizedClientRepository authorizedClients) {
        ClientRegistrationRepository clients = registrations.getIfAvailable(() -> registrationId -> null);
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(clients, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /** After the login, back to the page asked for, without the "?continue" marker in its address. */
    private static HttpSessionRequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    private static ProblemDetail notConfigured() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The dashboard needs an OpenID Connect login: set spring.security.oauth2.client.registration.local.*"
                        + " and spring.security.oauth2.client.provider.local.issuer-uri (see the README, section Dashboard).");
        problem.setTitle("Dashboard login not configured");
        return problem;
    }
}
