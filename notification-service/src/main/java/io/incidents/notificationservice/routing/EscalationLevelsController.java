package io.incidents.notificationservice.routing;

import io.incidents.events.notification.OnCallSource;
import io.incidents.policy.EscalationPolicy;
import io.incidents.support.security.AccessRules;
import io.incidents.support.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.context.annotation.Bean;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who holds each escalation level now (its on-call schedule's holders, else its configured
 * contacts), by name only (addresses stay here). The dashboard shows it beside each incident's level.
 */
@RestController
class EscalationLevelsController {

    private final Roster roster;
    private final Clock clock;

    EscalationLevelsController(Roster roster, Clock clock) {
        this.roster = roster;
        this.clock = clock;
    }

    /**
     * @param contacts   the names of who it tells now
     * @param source     SCHEDULE or OVERRIDE (its on-call schedule), CONTACTS (its configured contacts) or NOBODY
     * @param scheduleId its on-call schedule, if it has one
     */
    record Level(int level, String title, List<String> contacts, OnCallSource source, String scheduleId) {
    }

    @Operation(summary = "Each escalation level (1 on-call engineer .. 4 CTO) and the names of who it tells now (or at"
            + " `at`): its on-call schedule's holders, else its configured contacts")
    @GetMapping("/api/v1/escalation/levels")
    Map<String, List<Level>> levels(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at) {
        Instant now = at == null ? clock.instant() : at;
        List<Level> levels = new ArrayList<>();
        for (int level = 1; level <= EscalationPolicy.MAX_LEVEL; level++) {
            HeldLevel held = roster.at(level, now);
            levels.add(new Level(level, EscalationPolicy.levelName(level), held.names(), held.source(), held.scheduleId()));
        }
        return Map.of("levels", levels);
    }

    @Bean
    static AccessRules escalationLevelRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/api/v1/escalation/levels").hasRole(Role.VIEWER.name());
    }
}
