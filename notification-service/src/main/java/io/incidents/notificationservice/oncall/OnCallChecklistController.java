package io.incidents.notificationservice.oncall;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The on-call checklists (before, during and after a shift), for the dashboard's On call page and anyone on call. */
@RestController
@EnableConfigurationProperties(OnCallProperties.class)
class OnCallChecklistController {

    private final OnCallChecklist checklist;

    OnCallChecklistController(OnCallProperties properties) {
        this.checklist = OnCallChecklist.of(properties.checklist());
    }

    @Operation(summary = "The on-call checklists of the plan: before the shift, during it, after it (an editable file)")
    @GetMapping("/api/v1/oncall/checklist")
    OnCallChecklist checklist() {
        return checklist;
    }
}
