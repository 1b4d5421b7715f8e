package io.kvrotator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layering of main (README, Layout), checked on the compiled classes of src/main only. */
@AnalyzeClasses(packages = LayeringTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    static final String ROOT = "io.kvrotator";

    @ArchTest
    static final ArchRule no_cycles_between_packages = Layering.noCyclesBetweenPackages(ROOT);

    @ArchTest
    static final ArchRule only_functions_sees_functions_types = Layering.onlyFunctionsSeeFunctionsTypes(ROOT);

    @ArchTest
    static final ArchRule the_core_never_sees_functions_app_or_api = Layering.coreNeverSeesEntryPoints(ROOT);

    @ArchTest
    static final ArchRule providers_never_see_notify_or_sweep = Layering.providersNeverSeeNotifyOrSweep(ROOT);

    @ArchTest
    static final ArchRule main_never_imports_test_code = Layering.nothingImportsTestCode(ROOT);

    @ArchTest
    static final ArchRule no_main_class_lives_in_a_test_only_package = noClasses()
            .should().resideInAnyPackage(Layering.packages(ROOT, Layering.TEST_ONLY));

    @Test
    @DisplayName("the test-only package list names exactly the top-level packages that src/test has and src/main lacks")
    void testOnlyPackagesAreComplete() {
        Set<String> main = topLevelPackages(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT));
        Set<String> test = topLevelPackages(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages(ROOT));
        test.removeAll(main);

        assertThat(main).isNotEmpty();
        assertThat(test).containsExactlyInAnyOrderElementsOf(Layering.TEST_ONLY);
    }

    private static Set<String> topLevelPackages(JavaClasses classes) {
        Set<String> names = new TreeSet<>();
        for (JavaClass type : classes) {
            String rest = type.getPackageName().substring(ROOT.length());
            if (rest.startsWith(".")) {
                names.add(rest.substring(1).split("\\.")[0]);
            }
        }
        return names;
    }
}
