package io.incidents.incidentservice.incident;

import io.incidents.policy.SlaPolicy;
import io.incidents.support.policy.SlaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The acknowledge targets the escalation timers run on (SPEC section 4, overridable). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class EscalationConfiguration {

    @Bean
    SlaPolicy slaPolicy(SlaProperties properties) {
        return properties.toPolicy();
    }
}
