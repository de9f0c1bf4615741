package io.incidents.incidentservice.incident;

import io.incidents.support.security.AccessRules;
import io.incidents.support.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Incident commands need a RESPONDER (SPEC 9); alert endpoints are public paths that check their own keys. */
@Configuration(proxyBeanMethods = false)
class CommandApiAccess {

    @Bean
    AccessRules incidentCommandRules() {
        return rules -> rules.requestMatchers(HttpMethod.POST, "/api/v1/incidents", "/api/v1/incidents/**")
                .hasRole(Role.RESPONDER.name())
                .requestMatchers(HttpMethod.PATCH, "/api/v1/incidents/**")
                .hasRole(Role.RESPONDER.name());
    }
}
