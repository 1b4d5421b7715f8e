package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.storage.StorageAccountKeyFactory;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Storage account keys: ARM stand-in for listKeys/regenerateKey, blob stand-in for trying a key. */
final class StorageKeyFixture implements ProviderFixture {

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "StorageAccountKey";
    }

    @Override
    public boolean connectionStrings() {
        return true;
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(StorageAccountKeyFactory.BLOB_ENDPOINT_TEMPLATE.key(), sandbox.blob.endpointTemplate());
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String accountName = ("st" + name).toLowerCase().replaceAll("[^a-z0-9]", "");
        accountName = accountName.substring(0, Math.min(24, accountName.length()));
        String resourceGroup = "rg-" + name.toLowerCase();
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Storage/storageAccounts/" + accountName;
        String key1 = sandbox.arm.createAccount(resourceId);
        return new LiveKey(sandbox, resourceId, accountName, resourceGroup, key1);
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_STORAGE", "arm", call -> call.path().endsWith("/regenerateKey")),
                new FaultPoint("VERIFY_STORAGE", "blob", call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("storageAccounts").forEach(account -> sandbox.arm.createAccount(account.path("id").asText()));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("storageKeyOf")) {
            return Optional.empty();
        }
        String account = secret.path("storageKeyOf").asText();
        String keyName = secret.path("credentialId").asText("key1");
        String value = sandbox.arm.key(account, keyName).orElseThrow(() -> new IllegalArgumentException(
                "seed: no storage account " + account)).value();
        return Optional.of(new SeedValue(value, Map.of("CredentialType", credentialType(), "CredentialId", keyName,
                "ProviderAddress", account)));
    }

    private record LiveKey(Sandbox sandbox, String resourceId, String accountName, String resourceGroup,
                           String value) implements Live {

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1",
                    "ProviderAddress", resourceId);
        }

        @Override
        public String credentialId() {
            return "key1";
        }

        @Override
        public String lyingCredentialId() {
            return "key2";
        }

        @Override
        public ResourceScope scope(String vault) {
            return ProviderFixture.Live.resourceGroupScope(vault, resourceGroup);
        }

        @Override
        public boolean accepts(String candidate) {
            return sandbox.arm.accepts(accountName, candidate);
        }

        @Override
        public int remoteWrites() {
            return (int) sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKey")
                    && call.path().contains("/" + accountName + "/")).count();
        }

        @Override
        public Optional<String> connectionString() {
            return Optional.of("DefaultEndpointsProtocol=https;AccountName=" + accountName + ";AccountKey=" + value
                    + ";BlobEndpoint=" + sandbox.blob.endpointTemplate().replace("{account}", accountName));
        }

        @Override
        public String keyOf(String connectionString) {
            return Arrays.stream(connectionString.split(";")).filter(part -> part.startsWith("AccountKey="))
                    .findFirst().orElseThrow().substring("AccountKey=".length());
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.arm.keysOfAccountNamed(accountName).orElseThrow().values().stream()
                    .anyMatch(key -> key.fingerprint().equals(stored.fingerprint()));
        }
    }
}
