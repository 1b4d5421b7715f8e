package io.kvrotator.infra;

import io.kvrotator.app.Setting;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the templates must agree with in the code: the Event Grid functions (by {@code @FunctionName}) and the app
 * settings the code reads ({@link Setting}).
 */
public record InfraExpectations(Set<String> eventGridFunctions, Set<String> settingKeys, Set<String> requiredSettingKeys) {

    public InfraExpectations {
        eventGridFunctions = Set.copyOf(eventGridFunctions);
        settingKeys = Set.copyOf(settingKeys);
        requiredSettingKeys = Set.copyOf(requiredSettingKeys);
    }

    /** The settings from {@link Setting}; a setting without a default is required. */
    public static InfraExpectations fromCode(Set<String> eventGridFunctions) {
        return new InfraExpectations(eventGridFunctions,
                Arrays.stream(Setting.values()).map(Setting::key)
                        .filter(key -> !InfraPolicyCheck.PLATFORM_SETTINGS.contains(key)).collect(Collectors.toSet()),
                Arrays.stream(Setting.values()).filter(s -> s.defaultValue() == null).map(Setting::key)
                        .collect(Collectors.toSet()));
    }
}
