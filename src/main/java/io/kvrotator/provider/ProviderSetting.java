package io.kvrotator.provider;

import io.kvrotator.support.SettingDefinition;

/** An app setting that only one credential type reads, declared by its {@link ProviderFactory}. */
public record ProviderSetting(String key, String defaultValue, String description) implements SettingDefinition {
}
