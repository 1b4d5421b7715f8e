package io.kvrotator.app;

import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.appregistration.AppRegistrationSecretFactory;
import io.kvrotator.provider.postgresql.PostgreSqlAlternatingUsersFactory;
import io.kvrotator.provider.storage.StorageAccountKeyFactory;
import io.kvrotator.support.SettingDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every credential type this app rotates: the one list a new provider is added to. */
public final class ProviderFactories {

    public static final List<ProviderFactory> ALL = List.of(
            new StorageAccountKeyFactory(),
            new AppRegistrationSecretFactory(),
            new PostgreSqlAlternatingUsersFactory());

    private ProviderFactories() {
    }

    /** Every app setting kv-rotator reads: the core's, then each provider's. */
    public static List<SettingDefinition> allSettings() {
        List<SettingDefinition> settings = new ArrayList<>(Arrays.asList(Setting.values()));
        ALL.forEach(factory -> settings.addAll(factory.settings()));
        return settings;
    }
}
