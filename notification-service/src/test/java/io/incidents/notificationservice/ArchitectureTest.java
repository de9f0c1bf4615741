package io.incidents.notificationservice;

import io.incidents.testsupport.PackageDirectionContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The direction of notification-service's packages (issue 11): intake (reading incident-events)
 * uses everything below it; routing decides who is told, from incident's state; template and
 * delivery use routing's channels and settings; incident (each incident's state) uses none of
 * them; oncall (the on-call schedules) uses none of them either: routing asks it through
 * {@code OnCall}; no cycles (the contract).
 */
class ArchitectureTest extends PackageDirectionContract {

    ArchitectureTest() {
        super("io.incidents.notificationservice");
    }

    @Test
    void anIncidentsStateKnowsNothingOfWhoIsTold() {
        noClasses().that().resideInAPackage(pkg("incident"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("intake"), pkg("routing"), pkg("template"),
                        pkg("delivery"), pkg("statuspage"))
                .check(classes());
    }

    @Test
    void theOnCallSchedulesKnowNothingOfTheRestOfTheService() {
        noClasses().that().resideInAPackage(pkg("oncall"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("intake"), pkg("routing"), pkg("template"),
                        pkg("delivery"), pkg("statuspage"), pkg("incident"))
                .check(classes());
    }

    @Test
    void nothingDependsOnTheIntake() {
        noClasses().that().resideOutsideOfPackage(pkg("intake"))
                .should().dependOnClassesThat().resideInAPackage(pkg("intake"))
                .check(classes());
    }
}
