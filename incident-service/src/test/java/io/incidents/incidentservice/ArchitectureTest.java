package io.incidents.incidentservice;

import io.incidents.testsupport.PackageDirectionContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The direction of incident-service's packages (issue 11): features (incident, alerting,
 * importing, apitoken, relay) build on the foundations (eventstore, availability, idempotency),
 * never the other way round; no cycles (the contract).
 */
class ArchitectureTest extends PackageDirectionContract {

    ArchitectureTest() {
        super("io.incidents.incidentservice");
    }

    @Test
    void theFoundationsKnowNoFeature() {
        noClasses().that().resideInAnyPackage(pkg("eventstore"), pkg("availability"), pkg("idempotency"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("incident"), pkg("alerting"), pkg("importing"),
                        pkg("apitoken"), pkg("relay"), pkg("benchmark"))
                .check(classes());
    }

    @Test
    void nothingDependsOnTheBenchmarksBaselineEndpoint() {
        noClasses().that().resideOutsideOfPackage(pkg("benchmark"))
                .should().dependOnClassesThat().resideInAPackage(pkg("benchmark"))
                .check(classes());
    }
}
