package io.incidents.timelineservice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of timeline-service's packages (issue 11). The folds of events into read models
 * (sla, incident, timeline) are pure and know no storage; ledger stores the events and keeps the
 * incidents' summaries with those folds; the read API (api), the post-mortems, replay and the
 * dashboard read through the ledger. No two packages need each other.
 */
class ArchitectureTest {

    private static final String ROOT = "io.incidents.timelineservice";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theFoldsKnowNoStorageAndNoReader() {
        noClasses().that().resideInAnyPackage(ROOT + ".sla..", ROOT + ".incident..", ROOT + ".timeline..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ledger..", ROOT + ".api..",
                        ROOT + ".postmortem..", ROOT + ".replay..", ROOT + ".dashboard..")
                .check(CLASSES);
    }

    @Test
    void theLedgerKnowsNoReader() {
        noClasses().that().resideInAPackage(ROOT + ".ledger..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".postmortem..",
                        ROOT + ".replay..", ROOT + ".dashboard..")
                .check(CLASSES);
    }

    @Test
    void nothingButTheDashboardUsesTheDashboard() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".dashboard..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".dashboard..")
                .check(CLASSES);
    }
}
