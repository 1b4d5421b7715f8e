package io.kvrotator.provider.cosmosdb;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.vault.SecretValue;
import java.util.Optional;

/**
 * Cosmos DB connection strings as the portal shows them, read-write and read-only alike:
 * {@code AccountEndpoint=https://{account}.documents.azure.com:443/;AccountKey={key};}.
 */
final class CosmosConnectionStrings implements ConnectionStrings<ArmResourceId> {

    private final CosmosEndpoint endpoint;

    CosmosConnectionStrings(CosmosEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public SecretValue build(ArmResourceId account, String keyName, SecretValue key) {
        return SecretValue.of("AccountEndpoint=" + endpoint.of(account.name()) + ";AccountKey=" + key.reveal() + ";");
    }

    @Override
    public Optional<SecretValue> key(SecretValue connectionString) {
        return ConnectionStrings.part(connectionString, ";", "AccountKey");
    }
}
