package io.incidents.incidentservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of incident-service's packages (issue 11): features (incident, alerting,
 * importing, apitoken, relay) build on the foundations (eventstore, availability, idempotency),
 * never the other way round, and no two packages need each other.
 */
class ArchitectureTest {

    private static final String ROOT = "io.incidents.incidentservice";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theFoundationsKnowNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + ".eventstore..", ROOT + ".availability..", ROOT + ".idempotency..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".incident..", ROOT + ".alerting..",
                        ROOT + ".importing..", ROOT + ".apitoken..", ROOT + ".relay..", ROOT + ".benchmark..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheBenchmarksBaselineEndpoint() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".benchmark..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".benchmark..")
                .check(CLASSES);
    }
}
