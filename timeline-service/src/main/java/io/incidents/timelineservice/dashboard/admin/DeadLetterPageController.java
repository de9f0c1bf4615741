package io.incidents.timelineservice.dashboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidents.support.events.DeadLetters;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.Flash;
import io.incidents.timelineservice.dashboard.JsonFields;
import io.incidents.timelineservice.dashboard.Refusals;
import io.incidents.timelineservice.dashboard.Upstream;
import jakarta.validation.constraints.Min;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.List;

/**
 * Two kinds of dead letter: records of incident-events this service could not read (its own
 * table, listed directly; a replay skips them too, so they are for reading, not retrying), and
 * messages notification-service gave up sending (listed and retried there, as the person).
 */
@Controller
@DashboardPage
@Validated
class DeadLetterPageController {

    static final int UNREADABLE_LIMIT = 100;
    static final int PARKED_LIMIT = 200;
    /** A record's text beyond this is cut on the page; the API has all of it. */
    private static final int EXCERPT = 2_000;

    private final DeadLetters deadLetters;
    private final Upstream upstream;

    DeadLetterPageController(DeadLetters deadLetters, Upstream upstream) {
        this.deadLetters = deadLetters;
        this.upstream = upstream;
    }

    record UnreadableRecord(String topic, int partition, long offset, String key, String value, boolean cut, String error,
                            Instant failedAt) {

        static UnreadableRecord of(DeadLetters.DeadLetter letter) {
            String value = letter.value() == null ? "" : letter.value();
            boolean cut = value.length() > EXCERPT;
            return new UnreadableRecord(letter.topic(), letter.partition(), letter.offset(), letter.key(),
                    cut ? value.substring(0, EXCERPT) : value, cut, letter.error(), letter.failedAt());
        }
    }

    /** A message notification-service stopped retrying (its address already redacted there). */
    record ParkedDelivery(long id, String incidentId, String channel, String contact, String address, String template,
                          String subject, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {

        static ParkedDelivery of(JsonNode item) {
            return new ParkedDelivery(item.path("id").asLong(), JsonFields.text(item, "incidentId"),
                    JsonFields.text(item, "channel"), JsonFields.text(item, "contact"), JsonFields.text(item, "address"),
                    JsonFields.text(item, "template"), JsonFields.text(item, "subject"), item.path("attempts").asInt(),
                    JsonFields.instant(item, "nextAttemptAt"), JsonFields.text(item, "lastError"),
                    JsonFields.instant(item, "createdAt"));
        }
    }

    @GetMapping("/admin/dead-letters")
    String page(Model model) {
        model.addAttribute("unreadable", deadLetters.list(UNREADABLE_LIMIT).stream().map(UnreadableRecord::of).toList());
        Upstream.Reply reply = upstream.get(Upstream.Service.NOTIFICATIONS,
                "/api/v1/admin/notifications/dead-letters?limit=" + PARKED_LIMIT);
        List<ParkedDelivery> parked = reply.ok() && reply.body() != null ? JsonFields.items(reply.body(), ParkedDelivery::of) : null;
        model.addAttribute("parked", parked);
        model.addAttribute("parkedUnavailable", parked == null ? Refusals.unavailable("Parked deliveries", reply) : null);
        model.addAttribute("unreadableLimit", UNREADABLE_LIMIT);
        model.addAttribute("parkedLimit", PARKED_LIMIT);
        return "admin-dead-letters";
    }

    @PostMapping("/admin/dead-letters/{deliveryId}/retry")
    String retry(@PathVariable @Min(1) long deliveryId, RedirectAttributes redirect) {
        Upstream.Reply reply = upstream.post(Upstream.Service.NOTIFICATIONS,
                "/api/v1/admin/notifications/" + deliveryId + "/retry", null);
        redirect.addFlashAttribute("flash", reply.ok()
                ? new Flash(true, "Delivery " + deliveryId + " will be sent again, from its first attempt.")
                : new Flash(false, reply.refusal("Not retried")));
        return "redirect:/admin/dead-letters";
    }
}
