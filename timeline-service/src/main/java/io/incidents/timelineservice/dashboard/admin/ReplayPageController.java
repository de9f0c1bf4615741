package io.incidents.timelineservice.dashboard.admin;

import io.incidents.support.audit.AuditLog;
import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.dashboard.Flash;
import io.incidents.timelineservice.replay.ReplayService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Replay from the dashboard: timeline-service owns it, so the page asks {@link ReplayService}
 * directly (no relay), and records who started it in the audit log as the API does.
 */
@Controller
@DashboardPage
class ReplayPageController {

    private final ReplayService replay;
    private final AuditLog audit;

    ReplayPageController(ReplayService replay, AuditLog audit) {
        this.replay = replay;
        this.audit = audit;
    }

    @GetMapping("/admin/replay")
    String page(Model model) {
        model.addAttribute("replay", ReplayView.of(replay.status()));
        return "admin-replay";
    }

    /** What the page's script polls every second while a replay runs. */
    @GetMapping(path = "/admin/replay/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ReplayView progress() {
        return ReplayView.of(replay.status());
    }

    @PostMapping("/admin/replay")
    String start(RedirectAttributes redirect) {
        try {
            replay.start();
        } catch (ResponseStatusException e) {
            if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                throw e;
            }
            redirect.addFlashAttribute("flash", new Flash(false,
                    "Not started: a replay is already running, and only one runs at a time. Its progress is below."));
            return "redirect:/admin/replay";
        }
        audit.recordRequest("REPLAY_STARTED", "read models", "from the dashboard");
        redirect.addFlashAttribute("flash", new Flash(true, "Replay started. The pages keep showing the current read models"
                + " until the rebuilt ones are complete and swapped in."));
        return "redirect:/admin/replay";
    }
}
