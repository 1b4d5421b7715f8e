package io.kvrotator.infra;

import io.kvrotator.app.ProviderFactories;
import io.kvrotator.support.SettingDefinition;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the templates must agree with in the code: the Event Grid functions (by {@code @FunctionName}) and the app
 * settings the code reads ({@link ProviderFactories#allSettings()}).
 */
public record InfraExpectations(Set<String> eventGridFunctions, Set<String> settingKeys, Set<String> requiredSettingKeys) {

    public InfraExpectations {
        eventGridFunctions = Set.copyOf(eventGridFunctions);
        settingKeys = Set.copyOf(settingKeys);
        requiredSettingKeys = Set.copyOf(requiredSettingKeys);
    }

    /** The settings from {@link ProviderFactories#allSettings()}; a setting without a default is required. */
    public static InfraExpectations fromCode(Set<String> eventGridFunctions) {
        return new InfraExpectations(eventGridFunctions,
                ProviderFactories.allSettings().stream().map(SettingDefinition::key)
                        .filter(key -> !InfraPolicyCheck.PLATFORM_SETTINGS.contains(key)).collect(Collectors.toSet()),
                ProviderFactories.allSettings().stream().filter(s -> s.defaultValue() == null).map(SettingDefinition::key)
                        .collect(Collectors.toSet()));
    }
}
