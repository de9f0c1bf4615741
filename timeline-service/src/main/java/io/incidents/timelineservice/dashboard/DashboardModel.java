package io.incidents.timelineservice.dashboard;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page knows: who is looking. */
@ControllerAdvice(annotations = DashboardPage.class)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardModel {

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        return Viewer.of(authentication);
    }
}
