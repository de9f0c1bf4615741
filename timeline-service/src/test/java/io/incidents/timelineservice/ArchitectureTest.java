package io.incidents.timelineservice;

import io.incidents.testsupport.PackageDirectionContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The direction of timeline-service's packages (issue 11). The folds of events into read models
 * (sla, incident, timeline, and notification: what notification-service did) are pure and know no
 * storage; ledger stores the events and keeps the incidents' summaries with those folds; the read
 * API (api), the post-mortems, replay and the dashboard read through the ledger; no cycles (the
 * contract).
 */
class ArchitectureTest extends PackageDirectionContract {

    ArchitectureTest() {
        super("io.incidents.timelineservice");
    }

    @Test
    void theFoldsKnowNoStorageAndNoReader() {
        noClasses().that().resideInAnyPackage(pkg("sla"), pkg("incident"), pkg("timeline"), pkg("notification"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("ledger"), pkg("api"), pkg("postmortem"),
                        pkg("replay"), pkg("dashboard"))
                .check(classes());
    }

    @Test
    void theLedgerKnowsNoReader() {
        noClasses().that().resideInAPackage(pkg("ledger"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("api"), pkg("postmortem"), pkg("replay"),
                        pkg("dashboard"))
                .check(classes());
    }

    @Test
    void nothingButTheDashboardUsesTheDashboard() {
        noClasses().that().resideOutsideOfPackage(pkg("dashboard"))
                .should().dependOnClassesThat().resideInAPackage(pkg("dashboard"))
                .check(classes());
    }
}
