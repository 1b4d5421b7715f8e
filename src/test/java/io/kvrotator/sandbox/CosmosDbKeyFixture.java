package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.cosmosdb.CosmosDbKeyFactory;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cosmos DB account keys: the ARM stand-in lists them and regenerates them as a long-running operation, the
 * {@link CosmosStandIn} checks master-key signatures with them. The live credential is the read-write
 * {@code primary} key ({@code CosmosDbKeyTest} covers the read-only pair). Seed-file entries:
 * {@code cosmosAccounts[].id}; a secret with {@code cosmosKeyOf} (an account's ID) and {@code credentialId}
 * ({@code primary}, {@code secondary}, {@code primaryReadonly} or {@code secondaryReadonly}), holding the
 * connection string when its tags say {@code ValueFormat=connectionString}.
 */
final class CosmosDbKeyFixture implements ProviderFixture {

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "CosmosDbKey";
    }

    @Override
    public boolean connectionStrings() {
        return true;
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(CosmosDbKeyFactory.ENDPOINT_TEMPLATE.key(), sandbox.cosmos.endpointTemplate(),
                CosmosDbKeyFactory.POLL_INTERVAL_MS.key(), "20");
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String accountName = ("cosmos-" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.DocumentDB/databaseAccounts/" + accountName;
        Map<String, KeyState> keys = sandbox.cosmos.create(resourceId);
        return new LiveKey(sandbox, resourceId, accountName, resourceGroup, CosmosStandIn.PRIMARY,
                keys.get(CosmosStandIn.PRIMARY).value());
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_COSMOS", "arm", call -> call.path().endsWith("/regenerateKey")),
                new FaultPoint("VERIFY_COSMOS", "cosmos", call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("cosmosAccounts").forEach(account -> sandbox.cosmos.create(account.path("id").asText()));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("cosmosKeyOf")) {
            return Optional.empty();
        }
        String account = secret.path("cosmosKeyOf").asText();
        String keyName = secret.path("credentialId").asText(CosmosStandIn.PRIMARY);
        KeyState key = sandbox.arm.keysOf(account).get(keyName);
        if (key == null) {
            throw new IllegalArgumentException("seed: Cosmos DB account " + account + " has no key " + keyName);
        }
        boolean connectionString = "connectionString".equals(secret.path("tags").path("ValueFormat").asText());
        String value = connectionString ? connectionString(sandbox, account, key.value()) : key.value();
        return Optional.of(new SeedValue(value, Map.of("CredentialType", credentialType(), "CredentialId", keyName,
                "ProviderAddress", account)));
    }

    static String connectionString(Sandbox sandbox, String resourceId, String key) {
        String account = resourceId.substring(resourceId.lastIndexOf('/') + 1);
        return "AccountEndpoint=" + sandbox.cosmos.endpointTemplate().replace("{account}", account) + ";AccountKey="
                + key + ";";
    }

    /** A live key of an account: {@code credentialId} names it (a read-write or a read-only key). */
    record LiveKey(Sandbox sandbox, String resourceId, String accountName, String resourceGroup,
                   String credentialId, String value) implements Live {

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", "CosmosDbKey", "CredentialId", credentialId,
                    "ProviderAddress", resourceId);
        }

        @Override
        public String lyingCredentialId() {
            return credentialId.startsWith("primary") ? credentialId.replace("primary", "secondary")
                    : credentialId.replace("secondary", "primary");
        }

        @Override
        public ResourceScope scope(String vault) {
            return ProviderFixture.Live.resourceGroupScope(vault, resourceGroup);
        }

        @Override
        public boolean accepts(String candidate) {
            return sandbox.cosmos.accepts(resourceId, candidate);
        }

        @Override
        public int remoteWrites() {
            return (int) sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKey")
                    && call.path().toLowerCase(Locale.ROOT).contains("/databaseaccounts/" + accountName + "/"))
                    .count();
        }

        @Override
        public Optional<String> connectionString() {
            return Optional.of(CosmosDbKeyFixture.connectionString(sandbox, resourceId, value));
        }

        @Override
        public String keyOf(String connectionString) {
            return Arrays.stream(connectionString.split(";")).filter(part -> part.startsWith("AccountKey="))
                    .findFirst().orElseThrow().substring("AccountKey=".length());
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.arm.keysOf(resourceId).values().stream()
                    .anyMatch(key -> key.fingerprint().equals(stored.fingerprint()));
        }
    }
}
