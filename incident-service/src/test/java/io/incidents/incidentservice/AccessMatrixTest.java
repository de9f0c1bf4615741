package io.incidents.incidentservice;

import io.incidents.testsupport.AccessMatrixContract;
import io.incidents.testsupport.IntegrationTest;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static java.util.Map.entry;

@IntegrationTest
class AccessMatrixTest extends AccessMatrixContract {

    private static final String PAGERDUTY = "POST /v2/enqueue";

    @Override
    protected Map<String, Access> serviceEndpoints() {
        return Map.ofEntries(
                entry("POST /api/v1/incidents", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/acknowledge", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/severity", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/status", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/roles", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/rollbacks", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/rollbacks/{rollbackId}/complete", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/rollbacks/{rollbackId}/fail", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/escalate", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/resolve", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/reopen", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/action-items", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/notes", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/mitigations", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/postmortem/sections", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/type", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/runbook/{itemId}", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/rollbacks/{rollbackId}/checklist/{itemId}", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/postmortem/schedule", Access.RESPONDER),
                entry("POST /api/v1/incidents/{id}/postmortem/complete", Access.RESPONDER),
                entry("PATCH /api/v1/incidents/{id}/action-items/{actionItemId}", Access.RESPONDER),
                entry("POST /api/v1/alerts", Access.INTEGRATION),
                entry("POST /api/v1/integrations/alertmanager", Access.INTEGRATION),
                entry("POST /api/v1/integrations/grafana", Access.INTEGRATION),
                entry(PAGERDUTY, Access.INTEGRATION),
                entry("POST /api/v1/admin/integrations", Access.ADMIN),
                entry("GET /api/v1/admin/integrations", Access.ADMIN),
                entry("DELETE /api/v1/admin/integrations/{id}", Access.ADMIN),
                entry("POST /api/v1/admin/tokens", Access.ADMIN),
                entry("GET /api/v1/admin/tokens", Access.ADMIN),
                entry("DELETE /api/v1/admin/tokens/{id}", Access.ADMIN),
                entry("POST /api/v1/admin/imports", Access.ADMIN));
    }

    @Override
    protected String integrationKey() {
        return "native-key";
    }

    /** PagerDuty's clients send the key in the body, as {@code routing_key}. */
    @Override
    protected String body(String endpoint, Caller caller) {
        return endpoint.equals(PAGERDUTY) && caller == Caller.INTEGRATION_KEY ? "{\"routing_key\":\"native-key\"}" : "{}";
    }

    /** PagerDuty answers an unknown or missing routing key with 400 naming it, as PagerDuty does. */
    @Override
    protected boolean denied(String endpoint, ResponseEntity<String> answer) {
        return super.denied(endpoint, answer)
                || endpoint.equals(PAGERDUTY) && answer.getStatusCode().value() == 400 && answer.getBody().contains("routing_key");
    }
}
