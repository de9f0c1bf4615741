package io.incidents.notificationservice.routing;

import io.incidents.events.Severity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Who is told what (SPEC sections 4 and 6).
 *
 * @param levels            contacts per escalation level (1 on-call engineer .. 4 CTO)
 * @param services          contacts per service, told with level 1
 * @param support           the support team: told of customer-facing incidents and their resolution
 * @param webhooks          generic JSON webhooks that receive every event, signed with their secret
 * @param publicSeverity    the least severe level that is customer-facing (status page, support team)
 * @param links             where messages link to
 * @param gapHold           how long an incident's event waits behind a missing earlier one before
 *                          it is told anyway (a lost event must not hold pages back for good)
 */
@ConfigurationProperties("notifications")
public record NotificationProperties(
        Map<Integer, List<Contact>> levels,
        Map<String, List<Contact>> services,
        List<Contact> support,
        List<Webhook> webhooks,
        @DefaultValue("SEV3") Severity publicSeverity,
        @DefaultValue Links links,
        @DefaultValue("60s") Duration gapHold) {

    /** A person or a team; either way may be left empty. */
    public record Contact(String name, String email, String chatWebhook) {
    }

    public record Webhook(String name, String url, String secret) {
    }

    public record Links(@DefaultValue("http://localhost:8082") String timelineBaseUrl,
                        @DefaultValue("http://localhost:8083/status") String statusPageUrl) {
    }

    public NotificationProperties {
        levels = levels == null ? Map.of() : Map.copyOf(levels);
        services = services == null ? Map.of() : Map.copyOf(services);
        support = support == null ? List.of() : List.copyOf(support);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    public List<Contact> level(int level) {
        return levels.getOrDefault(level, List.of());
    }
}
