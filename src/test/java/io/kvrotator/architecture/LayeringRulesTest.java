package io.kvrotator.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rules of {@link Layering} fail on code that breaks them, and pass on code that follows them. */
class LayeringRulesTest {

    private static final String BROKEN = "io.kvrotator.architecture.fixture.broken";
    private static final String CLEAN = "io.kvrotator.architecture.fixture.clean";

    private static final JavaClasses BROKEN_CLASSES = new ClassFileImporter().importPackages(BROKEN);
    private static final JavaClasses CLEAN_CLASSES = new ClassFileImporter().importPackages(CLEAN);

    @Test
    @DisplayName("every rule passes on classes that follow the layering")
    void cleanFixturePasses() {
        assertThat(CLEAN_CLASSES).hasSize(6);
        for (ArchRule rule : Layering.all(CLEAN)) {
            assertThat(rule.evaluate(CLEAN_CLASSES).hasViolation()).as(rule.getDescription()).isFalse();
        }
    }

    @Test
    @DisplayName("two packages that use each other are a cycle")
    void cycle() {
        assertThat(details(Layering::noCyclesBetweenPackages))
                .contains("Cycle detected: app -> ", "rotation -> ", "app")
                .contains(BROKEN + ".app.Wiring.protocol> has type <" + BROKEN + ".rotation.Protocol>")
                .contains(BROKEN + ".rotation.Protocol.wiring> has type <" + BROKEN + ".app.Wiring>");
    }

    @Test
    @DisplayName("a Functions type outside the functions package is refused")
    void functionsTypeOutsideFunctions() {
        assertThat(details(Layering::onlyFunctionsSeeFunctionsTypes))
                .contains(BROKEN + ".rotation.Protocol.status()> has return type <com.microsoft.azure.functions"
                        + ".HttpStatus>");
    }

    @Test
    @DisplayName("the core reaching into the composition root is refused")
    void coreSeesEntryPoint() {
        assertThat(details(Layering::coreNeverSeesEntryPoints))
                .contains(BROKEN + ".rotation.Protocol.wiring> has type <" + BROKEN + ".app.Wiring>")
                .doesNotContain(BROKEN + ".app.Wiring.protocol");
    }

    @Test
    @DisplayName("a provider that uses a notification channel is refused")
    void providerSeesNotify() {
        assertThat(details(Layering::providersNeverSeeNotifyOrSweep))
                .contains(BROKEN + ".provider.Provider.channel> has type <" + BROKEN + ".notify.Channel>");
    }

    @Test
    @DisplayName("main code that uses a test stand-in is refused")
    void mainSeesTestCode() {
        assertThat(details(Layering::nothingImportsTestCode))
                .contains(BROKEN + ".rotation.Protocol.standIn> has type <" + BROKEN + ".sandbox.StandIn>");
    }

    /** Evaluates the rule on the broken fixture, asserts that it fails, and returns what it reports. */
    private static String details(Function<String, ArchRule> rule) {
        EvaluationResult result = rule.apply(BROKEN).evaluate(BROKEN_CLASSES);
        assertThat(result.hasViolation()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
