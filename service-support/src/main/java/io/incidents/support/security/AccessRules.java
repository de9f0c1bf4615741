package io.incidents.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own endpoints and the least role each needs (SPEC 9's matrix). The common rules
 * come first (health open, metrics for METRICS, {@code /api/v1/admin/**} for ADMIN) and anything
 * no rule names is denied, so a new endpoint without a rule cannot be reached by accident.
 */
@FunctionalInterface
public interface AccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
