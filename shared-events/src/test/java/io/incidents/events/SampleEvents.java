package io.incidents.events;

import io.incidents.policy.Priority;
import io.incidents.policy.Recommendation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One fixed instance of every event type: the golden files are these, serialised. */
final class SampleEvents {

    static final String INCIDENT = "7f1c2a4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";
    static final Instant AT = Instant.parse("2026-03-14T09:26:53.589Z");

    private SampleEvents() {
    }

    static List<IncidentEvent> all() {
        return List.of(
                new IncidentDeclared(INCIDENT, "Checkout failing for all users", "HTTP 500 on /pay",
                        Severity.SEV1, List.of("checkout", "payments"), IncidentSource.alert("alertmanager", "fp-3f2a"), AT,
                        new AlertRecommendation(new BigDecimal("14.2"), Priority.CRITICAL, Recommendation.ROLLBACK_NOW,
                                AT.plusSeconds(300)), AT.minusSeconds(95), null, false),
                new AlertReceived(INCIDENT, "alertmanager", "fp-3f2a", "Error rate 14% on checkout", Severity.SEV1, AT.plusSeconds(30),
                        new AlertRecommendation(new BigDecimal("14.0"), Priority.CRITICAL, Recommendation.ROLLBACK_NOW,
                                AT.plusSeconds(330))),
                new IncidentAcknowledged(INCIDENT, "alice", AT.plusSeconds(192)),
                new SeverityChanged(INCIDENT, Severity.SEV1, Severity.SEV2, "only EU affected", AT.plusSeconds(300)),
                new IncidentStatusUpdated(INCIDENT, StatusPagePhase.IDENTIFIED, "A faulty deployment was identified.", AT.plusSeconds(400),
                        "Payments failing", List.of("Checkout", "Card payments")),
                new RoleAssigned(INCIDENT, IncidentRole.INCIDENT_COMMANDER, "bob", AT.plusSeconds(420)),
                new RollbackStarted(INCIDENT, "0b8e1d2c-3a4f-4b5c-8d9e-0f1a2b3c4d5e", RollbackProcedure.A,
                        List.of("checkout"), "v2.14.3", "v2.15.0 breaks payments", AT.plusSeconds(480)),
                new RollbackCompleted(INCIDENT, "0b8e1d2c-3a4f-4b5c-8d9e-0f1a2b3c4d5e", AT.plusSeconds(900)),
                new RollbackFailed(INCIDENT, "0b8e1d2c-3a4f-4b5c-8d9e-0f1a2b3c4d5e", "migration cannot be reversed", AT.plusSeconds(900)),
                new IncidentEscalated(INCIDENT, 3, EscalationReason.MANUAL, "customers on the phone", AT.plusSeconds(600)),
                new IncidentResolved(INCIDENT, "Rolled back to v2.14.3", "Unreviewed config change", AT.plusSeconds(1800)),
                new IncidentReopened(INCIDENT, "errors are back", AT.plusSeconds(2400)),
                new PostMortemActionItemAdded(INCIDENT, "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b", "Add a canary stage",
                        "carol", LocalDate.parse("2026-04-01"), AT.plusSeconds(3600)),
                new IncidentNoteAdded(INCIDENT, "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
                        "Pool exhausted since the 09:20 deploy; suspect the new retry loop", "alice", AT.plusSeconds(240)),
                new MitigationApplied(INCIDENT, "c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f", MitigationKind.WORKAROUND,
                        "Traffic moved to the EU-2 region", "bob", AT.plusSeconds(420)),
                new DecisionOverdue(INCIDENT, Recommendation.ROLLBACK_NOW, AT.plusSeconds(300)),
                new RollbackOverran(INCIDENT, "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", RollbackProcedure.A,
                        Duration.ofMinutes(10), AT.plusSeconds(1200)),
                new PostMortemSectionWritten(INCIDENT, PostMortemSection.TO_IMPROVE, "Canary the payment path first", "alice",
                        AT.plusSeconds(86_400)),
                new ActionItemUpdated(INCIDENT, "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b", "dave", LocalDate.parse("2026-04-15"),
                        ActionItemStatus.DONE, "carol", AT.plusSeconds(90_000)),
                new ActionItemOverdue(INCIDENT, "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b", "carol", LocalDate.parse("2026-04-01"),
                        Instant.parse("2026-04-02T00:00:00Z")),
                new PostMortemScheduled(INCIDENT, "alice", AT.plusSeconds(176_400), AT.plusSeconds(3_600)),
                new PostMortemOverdue(INCIDENT, "alice", AT.plusSeconds(176_400)),
                new PostMortemCompleted(INCIDENT, "alice", AT.plusSeconds(180_000)),
                new IncidentTypeSet(INCIDENT, "database-connections", "Database connection issues",
                        List.of(new ChecklistItem("pool-metrics", "Check the pool's active, idle and waiting connections")),
                        true, AT.plusSeconds(1)),
                new ChecklistItemTicked(INCIDENT, "runbook", "pool-metrics", true, "alice", AT.plusSeconds(200)));
    }
}
