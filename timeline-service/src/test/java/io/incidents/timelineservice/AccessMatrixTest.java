package io.incidents.timelineservice;

import io.incidents.testsupport.AccessMatrixContract;
import io.incidents.testsupport.IntegrationTest;
import io.incidents.testsupport.TestLogins;

import java.time.Duration;
import java.util.Map;

import static java.util.Map.entry;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class AccessMatrixTest extends AccessMatrixContract {

    private static final String START_REPLAY = "POST /api/v1/admin/replay";

    @Override
    protected Map<String, Access> serviceEndpoints() {
        return Map.ofEntries(
                entry("GET /api/v1/incidents", Access.VIEWER),
                entry("GET /api/v1/incidents/{id}", Access.VIEWER),
                entry("GET /api/v1/incidents/{id}/timeline", Access.VIEWER),
                entry("GET /api/v1/incidents/{id}/postmortem", Access.VIEWER),
                entry("GET /api/v1/action-items", Access.VIEWER),
                entry("GET /api/v1/sla", Access.VIEWER),
                entry("GET /api/v1/sla/breaches", Access.VIEWER),
                entry("POST /api/v1/sla/what-if", Access.VIEWER),
                entry(START_REPLAY, Access.ADMIN),
                entry("GET /api/v1/admin/replay", Access.ADMIN),
                entry("GET /api/v1/admin/dead-letters", Access.ADMIN),
                entry("POST /api/v1/admin/dead-letters/{id}/redrive", Access.ADMIN),
                entry("GET /", Access.DASHBOARD),
                entry("GET /incidents/{id}", Access.DASHBOARD),
                entry("GET /incidents/{id}/postmortem", Access.DASHBOARD),
                entry("GET /incidents/{id}/postmortem.md", Access.DASHBOARD),
                entry("POST /incidents/{id}/actions/{action}", Access.DASHBOARD),
                entry("GET /ui/board/stream", Access.DASHBOARD),
                entry("GET /ui/stream", Access.DASHBOARD),
                entry("GET /admin", Access.DASHBOARD),
                entry("GET /admin/replay", Access.DASHBOARD),
                entry("GET /admin/replay/progress", Access.DASHBOARD),
                entry("POST /admin/replay", Access.DASHBOARD),
                entry("GET /admin/dead-letters", Access.DASHBOARD),
                entry("POST /admin/dead-letters/{deliveryId}/retry", Access.DASHBOARD),
                entry("GET /admin/tokens", Access.DASHBOARD),
                entry("POST /admin/tokens", Access.DASHBOARD),
                entry("POST /admin/tokens/{id}/revoke", Access.DASHBOARD),
                entry("GET /admin/audit", Access.DASHBOARD),
                entry("GET /sla", Access.DASHBOARD),
                entry("POST /sla/what-if", Access.DASHBOARD),
                entry("GET /sla/export.csv", Access.DASHBOARD),
                entry("GET /oncall", Access.DASHBOARD));
    }

    /** A replay the matrix started must end before other tests use the read models. */
    @Override
    protected void afterAllowed(String endpoint) {
        if (endpoint.equals(START_REPLAY)) {
            ReadApi admin = new ReadApi(rest, TestLogins.ADMIN);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !"RUNNING".equals(admin.get("/api/v1/admin/replay").getBody().get("state")));
        }
    }
}
