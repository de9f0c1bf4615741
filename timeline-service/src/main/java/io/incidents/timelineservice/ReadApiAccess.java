package io.incidents.timelineservice;

import io.incidents.support.security.AccessRules;
import io.incidents.support.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Everything here reads: a VIEWER may, including the what-if report (a POST only for its body). */
@Configuration(proxyBeanMethods = false)
class ReadApiAccess {

    @Bean
    AccessRules readApiRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/incidents", "/api/v1/incidents/**", "/api/v1/sla", "/api/v1/sla/breaches",
                        "/api/v1/action-items")
                .hasRole(Role.VIEWER.name())
                .requestMatchers(HttpMethod.POST, "/api/v1/sla/what-if").hasRole(Role.VIEWER.name());
    }
}
