package io.kvrotator.app;

import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.appregistration.AppRegistrationSecretFactory;
import io.kvrotator.provider.cognitiveservices.CognitiveServicesKeyFactory;
import io.kvrotator.provider.search.SearchAdminKeyFactory;
import io.kvrotator.provider.batch.BatchAccountKeyFactory;
import io.kvrotator.provider.containerregistry.ContainerRegistryPasswordFactory;
import io.kvrotator.provider.eventhubs.EventHubsKeyFactory;
import io.kvrotator.provider.servicebus.ServiceBusKeyFactory;
import io.kvrotator.provider.cosmosdb.CosmosDbKeyFactory;
import io.kvrotator.provider.redis.RedisKeyFactory;
import io.kvrotator.provider.postgresql.PostgreSqlAlternatingUsersFactory;
import io.kvrotator.provider.storage.StorageAccountKeyFactory;
import io.kvrotator.support.SettingDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every credential type this app rotates: the one list a new provider is added to. */
public final class ProviderFactories {

    public static final List<ProviderFactory> ALL = List.of(
            new StorageAccountKeyFactory(),
            new AppRegistrationSecretFactory(),
            new CognitiveServicesKeyFactory(),
            new SearchAdminKeyFactory(),
            new ContainerRegistryPasswordFactory(),
            new BatchAccountKeyFactory(),
            new ServiceBusKeyFactory(),
            new EventHubsKeyFactory(),
            new RedisKeyFactory(),
            new CosmosDbKeyFactory(),

            new PostgreSqlAlternatingUsersFactory());

    private ProviderFactories() {
    }

    /** Each credential type's rotation roles, by {@code CredentialType}: what the permission preflight looks for. */
    public static Map<String, List<RotationRole>> rotationRoles() {
        Map<String, List<RotationRole>> roles = new LinkedHashMap<>();
        ALL.forEach(factory -> roles.put(factory.credentialType(), factory.rotationRoles()));
        return roles;
    }

    /** Every app setting kv-rotator reads: the core's, then each provider's. */
    public static List<SettingDefinition> allSettings() {
        List<SettingDefinition> settings = new ArrayList<>(Arrays.asList(Setting.values()));
        ALL.forEach(factory -> settings.addAll(factory.settings()));
        return settings;
    }
}
