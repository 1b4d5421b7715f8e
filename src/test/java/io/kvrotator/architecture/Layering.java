package io.kvrotator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering (README, Layout) as ArchUnit rules. Each rule takes the root package, so that
 * {@link LayeringTest} applies it to main ({@code io.kvrotator}) and {@link LayeringRulesTest} to small fixtures
 * that break it on purpose.
 */
final class Layering {

    /** Entry points: the Functions bindings, the composition root and the HTTP API behind the functions. */
    static final List<String> ENTRY_POINTS = List.of("functions", "app", "api");

    /** Top-level packages that exist only under src/test (LayeringTest checks that this list is complete). */
    static final List<String> TEST_ONLY = List.of("architecture", "benchmark", "deploy", "infra", "localhost",
            "reliability", "sandbox", "testing");

    private Layering() {
    }

    static ArchRule noCyclesBetweenPackages(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package depends on another only one way");
    }

    static ArchRule onlyFunctionsSeeFunctionsTypes(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".functions..")
                .should().dependOnClassesThat().resideInAPackage("com.microsoft.azure.functions..")
                .because("a function class translates bindings; everything behind it runs without a Functions host");
    }

    static ArchRule coreNeverSeesEntryPoints(String root) {
        return noClasses().that().resideOutsideOfPackages(packages(root, ENTRY_POINTS))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, ENTRY_POINTS))
                .because("the core (rotation, provider, vault, sweep, notify, event, failure, support) is plain"
                        + " Java driven by the entry points, never the other way round");
    }

    static ArchRule providersNeverSeeNotifyOrSweep(String root) {
        return noClasses().that().resideInAPackage(root + ".provider..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".notify..", root + ".sweep..")
                .because("a provider issues and verifies credentials; telling people and sweeping are not its job");
    }

    static ArchRule nothingImportsTestCode(String root) {
        return noClasses().that().resideOutsideOfPackages(packages(root, TEST_ONLY))
                .should().dependOnClassesThat().resideInAnyPackage(packages(root, TEST_ONLY))
                .because("stand-ins, fixtures and test helpers are not shipped");
    }

    static List<ArchRule> all(String root) {
        return List.of(noCyclesBetweenPackages(root), onlyFunctionsSeeFunctionsTypes(root),
                coreNeverSeesEntryPoints(root), providersNeverSeeNotifyOrSweep(root), nothingImportsTestCode(root));
    }

    static String[] packages(String root, List<String> names) {
        return names.stream().map(name -> root + "." + name + "..").toArray(String[]::new);
    }
}
