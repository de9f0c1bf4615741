package io.incidents.timelineservice.dashboard.admin;

import io.incidents.timelineservice.dashboard.DashboardPage;
import io.incidents.timelineservice.replay.ReplayService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin overview: what each admin page is for, and the replay's state at a glance. Asks no other service. */
@Controller
@DashboardPage
class AdminHomeController {

    private final ReplayService replay;

    AdminHomeController(ReplayService replay) {
        this.replay = replay;
    }

    @GetMapping("/admin")
    String home(Model model) {
        model.addAttribute("replay", ReplayView.of(replay.status()));
        return "admin";
    }
}
