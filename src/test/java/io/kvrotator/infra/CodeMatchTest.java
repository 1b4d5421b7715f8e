package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kvrotator.app.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The templates against the code: the functions {@code mvn package} generates and the settings the code reads.
 * The policy check itself compares the Bicep with these; here we make sure its inputs are the real ones.
 */
class CodeMatchTest {

    private static final String FUNCTIONS_DIR = "kvrotator.functions.dir";

    @Test
    @DisplayName("the Event Grid functions the Bicep subscribes are the ones the Maven plugin generated")
    void eventGridFunctionsMatchFunctionJson() {
        String dir = System.getProperty(FUNCTIONS_DIR);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), () -> "function.json comparison skipped: "
                + FUNCTIONS_DIR + " (" + dir + ") is not a directory; run through Maven after the functions package "
                + "goal, which writes target/azure-functions/<app>/<Function>/function.json");
        Map<String, String> generated = AppFunctions.fromFunctionJson(Path.of(dir));
        assumeTrue(!generated.isEmpty(), () -> "function.json comparison skipped: no function.json under " + dir);

        assertThat(generated).isEqualTo(AppFunctions.fromAnnotations());
        Set<String> eventGrid = generated.entrySet().stream()
                .filter(f -> f.getValue().equals(AppFunctions.EVENT_GRID_TRIGGER))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(eventGrid).contains("SecretNearExpiry", "SecretExpired");
        assertThat(new InfraPolicyCheck(InfraExpectations.fromCode(eventGrid))
                .check(InfraSources.read(ProjectPaths.infraDir()))).isEmpty();
    }

    @Test
    @DisplayName("the expected settings are the Setting enum's, required meaning no default")
    void settingsComeFromTheEnum() {
        InfraExpectations expected = InfraExpectations.fromCode(Set.of());

        assertThat(expected.settingKeys()).contains(Setting.ALLOWED_VAULTS.key())
                .hasSize(Setting.values().length);
        assertThat(expected.requiredSettingKeys()).contains(Setting.ALLOWED_VAULTS.key())
                .doesNotContain(Setting.NEAR_EXPIRY_DAYS.key());
    }

    @Test
    @DisplayName("no Setting key is mistaken for an Azure-defined setting")
    void settingsAreNotPlatformSettings() {
        assertThat(InfraExpectations.fromCode(Set.of()).settingKeys())
                .doesNotContainAnyElementsOf(InfraPolicyCheck.PLATFORM_SETTINGS);
    }
}
