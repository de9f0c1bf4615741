package io.incidents.notificationservice;

import io.incidents.testsupport.AccessMatrixContract;
import io.incidents.testsupport.IntegrationTest;

import java.util.Map;

import static java.util.Map.entry;

@IntegrationTest
class AccessMatrixTest extends AccessMatrixContract {

    @Override
    protected Map<String, Access> serviceEndpoints() {
        return Map.ofEntries(
                entry("GET /status", Access.PUBLIC),
                entry("GET /status/feed.atom", Access.PUBLIC),
                entry("GET /api/v1/status", Access.PUBLIC),
                entry("GET /api/v1/notifications", Access.VIEWER),
                entry("GET /api/v1/escalation/levels", Access.VIEWER),
                entry("GET /api/v1/oncall", Access.VIEWER),
                entry("GET /api/v1/oncall/checklist", Access.VIEWER),
                entry("GET /api/v1/oncall/people", Access.VIEWER),
                entry("PUT /api/v1/oncall/people/{personId}", Access.RESPONDER),
                entry("GET /api/v1/oncall/schedules", Access.VIEWER),
                entry("POST /api/v1/oncall/schedules", Access.RESPONDER),
                entry("GET /api/v1/oncall/schedules/{scheduleId}", Access.VIEWER),
                entry("DELETE /api/v1/oncall/schedules/{scheduleId}", Access.RESPONDER),
                entry("GET /api/v1/oncall/schedules/{scheduleId}/shifts", Access.VIEWER),
                entry("PUT /api/v1/oncall/schedules/{scheduleId}/rotations/{rotationId}", Access.RESPONDER),
                entry("DELETE /api/v1/oncall/schedules/{scheduleId}/rotations/{rotationId}", Access.RESPONDER),
                entry("POST /api/v1/oncall/schedules/{scheduleId}/overrides", Access.RESPONDER),
                entry("DELETE /api/v1/oncall/schedules/{scheduleId}/overrides/{overrideId}", Access.RESPONDER),
                entry("POST /api/v1/oncall/schedules/{scheduleId}/handoffs", Access.RESPONDER),
                // Open to whoever has the schedule's token (calendar clients cannot log in); 404 without it.
                entry("GET /api/v1/oncall/schedules/{scheduleId}/calendar.ics", Access.PUBLIC),
                entry("GET /api/v1/admin/notifications/dead-letters", Access.ADMIN),
                entry("GET /api/v1/admin/dead-letters", Access.ADMIN),
                entry("POST /api/v1/admin/dead-letters/{id}/redrive", Access.ADMIN),
                entry("POST /api/v1/admin/notifications/{id}/retry", Access.ADMIN),
                entry("POST /api/v1/admin/replay", Access.ADMIN));
    }
}
