package io.incidents.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rule every service's packages keep (issue 11): no two of them depend on each other. A
 * service's {@code ArchitectureTest} extends this, names its root package, and adds the
 * direction of its own packages as rules over {@link #classes()}.
 */
public abstract class PackageDirectionContract {

    private final String root;
    private final JavaClasses classes;

    protected PackageDirectionContract(String root) {
        this.root = root;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /** The service's own classes, tests left out. */
    protected JavaClasses classes() {
        return classes;
    }

    /** {@code name} under the root, with its subpackages, as ArchUnit names packages. */
    protected String pkg(String name) {
        return root + "." + name + "..";
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
