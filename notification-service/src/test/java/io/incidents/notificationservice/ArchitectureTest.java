package io.incidents.notificationservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of notification-service's packages (issue 11): intake (reading incident-events)
 * uses everything below it; routing decides who is told, from incident's state; template and
 * delivery use routing's channels and settings; incident (each incident's state) uses none of
 * them. No two packages need each other.
 */
class ArchitectureTest {

    private static final String ROOT = "io.incidents.notificationservice";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void anIncidentsStateKnowsNothingOfWhoIsTold() {
        noClasses().that().resideInAPackage(ROOT + ".incident..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".intake..", ROOT + ".routing..",
                        ROOT + ".template..", ROOT + ".delivery..", ROOT + ".statuspage..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheIntake() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".intake..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".intake..")
                .check(CLASSES);
    }
}
