package io.incidents.notificationservice.delivery;

import io.incidents.support.security.AccessRules;
import io.incidents.support.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The delivery log is for VIEWERs (addresses redacted); its levers are under /api/v1/admin (ADMIN). */
@Configuration(proxyBeanMethods = false)
class DeliveryLogAccess {

    @Bean
    AccessRules deliveryLogRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/api/v1/notifications").hasRole(Role.VIEWER.name());
    }
}
