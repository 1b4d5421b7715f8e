package io.kvrotator.sandbox;

import java.util.List;

/** One fixture per registered credential type; {@code ProviderFixturesTest} checks the two lists match. */
public final class ProviderFixtures {

    public static final List<ProviderFixture> ALL = List.of(new StorageKeyFixture(), new AppSecretFixture(),
            new CognitiveServicesKeyFixture(), new SearchAdminKeyFixture(), new ContainerRegistryFixture(),
            new BatchKeyFixture(), new ServiceBusKeyFixture(), new EventHubsKeyFixture(),
            new RedisKeyFixture(), new CosmosDbKeyFixture(), new PostgreSqlFixture());

    private ProviderFixtures() {
    }
}
