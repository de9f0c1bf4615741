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
                entry("GET /api/v1/admin/notifications/dead-letters", Access.ADMIN),
                entry("GET /api/v1/admin/dead-letters", Access.ADMIN),
                entry("POST /api/v1/admin/dead-letters/{id}/redrive", Access.ADMIN),
                entry("POST /api/v1/admin/notifications/{id}/retry", Access.ADMIN),
                entry("POST /api/v1/admin/replay", Access.ADMIN));
    }
}
