package io.incidents.notificationservice.routing;

import io.incidents.policy.EscalationPolicy;
import io.incidents.support.security.AccessRules;
import io.incidents.support.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who holds each escalation level now: the level's configured contacts, by name only (addresses
 * stay here). The dashboard shows it beside each incident's level.
 */
@RestController
class EscalationLevelsController {

    private final NotificationProperties properties;

    EscalationLevelsController(NotificationProperties properties) {
        this.properties = properties;
    }

    record Level(int level, String title, List<String> contacts) {
    }

    @Operation(summary = "Each escalation level (1 on-call engineer .. 4 CTO) and the names of who it tells now")
    @GetMapping("/api/v1/escalation/levels")
    Map<String, List<Level>> levels() {
        List<Level> levels = new ArrayList<>();
        for (int level = 1; level <= EscalationPolicy.MAX_LEVEL; level++) {
            levels.add(new Level(level, EscalationPolicy.levelName(level), properties.level(level).stream()
                    .map(NotificationProperties.Contact::name).filter(name -> name != null && !name.isBlank()).toList()));
        }
        return Map.of("levels", levels);
    }

    @Bean
    static AccessRules escalationLevelRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/api/v1/escalation/levels").hasRole(Role.VIEWER.name());
    }
}
