package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.app.ProviderFactories;
import io.kvrotator.app.Setting;
import io.kvrotator.support.SettingDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The templates against the settings the code reads (the generated functions are compared in {@code CodeMatchIT}).
 * The policy check itself compares the Bicep with these; here we make sure its inputs are the real ones.
 */
class CodeMatchTest {

    @Test
    @DisplayName("the expected settings are the Setting enum's, required meaning no default")
    void settingsComeFromTheEnum() {
        InfraExpectations expected = InfraExpectations.fromCode(Set.of());

        assertThat(expected.settingKeys()).contains(Setting.ALLOWED_VAULTS.key())
                .hasSize((int) ProviderFactories.allSettings().stream().filter(setting -> !setting.azureDefined())
                        .count());
        assertThat(expected.requiredSettingKeys()).contains(Setting.ALLOWED_VAULTS.key())
                .doesNotContain(Setting.NEAR_EXPIRY_DAYS.key());
    }

    @Test
    @DisplayName("the dead-letter container replayed by default is the one infra creates in the function's storage account")
    void deadLetterContainerIsInfras() throws IOException {
        assertThat(Files.readString(ProjectPaths.infraDir().resolve("modules/functionStorage.bicep")))
                .contains("'" + Setting.DEAD_LETTER_CONTAINER.defaultValue() + "'");
    }

    @Test
    @DisplayName("every Setting described as Azure-defined is one the policy check knows the platform sets")
    void azureDefinedSettingsArePlatformSettings() {
        assertThat(ProviderFactories.allSettings().stream().filter(SettingDefinition::azureDefined)
                .map(SettingDefinition::key))
                .contains(Setting.PLATFORM_AUTHENTICATION.key(), Setting.HOST_STORAGE.key())
                .allSatisfy(key -> assertThat(InfraPolicyCheck.PLATFORM_SETTINGS).contains(key));
    }

    @Test
    @DisplayName("no Setting key is mistaken for an Azure-defined setting")
    void settingsAreNotPlatformSettings() {
        assertThat(InfraExpectations.fromCode(Set.of()).settingKeys())
                .doesNotContainAnyElementsOf(InfraPolicyCheck.PLATFORM_SETTINGS);
    }
}
