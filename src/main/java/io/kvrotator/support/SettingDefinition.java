package io.kvrotator.support;

/** An app setting: its key, its default, and what it is for, as the settings template and the README show it. */
public interface SettingDefinition {

    String key();

    /** Null when the setting is required; empty when it is optional and has no default. */
    String defaultValue();

    String description();

    /** Set by the platform (Functions host, App Service), not by our templates; its description says so first. */
    default boolean azureDefined() {
        return description().startsWith("Azure-defined.");
    }
}
