package io.incidents.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HTTP Basic login for every service: stateless, no CSRF (no browser session to ride on),
 * health and API docs open, everything else needs a configured user.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@EnableConfigurationProperties(LoginProperties.class)
public class LoginConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LoginConfiguration.class);
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final List<String> ALWAYS_PUBLIC = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error");

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService configuredUsers(LoginProperties properties) {
        if (properties.users().isEmpty()) {
            log.warn("No users are configured (incidents.security.users): every protected endpoint will answer 401");
        }
        List<UserDetails> users = properties.users().stream().map(LoginConfiguration::toUserDetails).toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails toUserDetails(LoginProperties.User user) {
        if (user.username() == null || user.username().isBlank()) {
            throw new IllegalStateException("incidents.security.users: a user has no username");
        }
        if (user.passwordHash() == null || !BCRYPT.matcher(user.passwordHash()).matches()) {
            throw new IllegalStateException("incidents.security.users: the password hash of '" + user.username()
                    + "' is not a BCrypt hash ($2a$10$...)");
        }
        return User.withUsername(user.username()).password(user.passwordHash()).roles("RESPONDER").build();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, LoginProperties properties, ObjectMapper objectMapper) throws Exception {
        String[] publicPaths = Stream.concat(ALWAYS_PUBLIC.stream(), properties.publicPaths().stream()).toArray(String[]::new);
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(objectMapper);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(publicPaths).permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler((request, response, denied) ->
                                problems.write(response, HttpStatus.FORBIDDEN, "You may not do this.")))
                .build();
    }
}
