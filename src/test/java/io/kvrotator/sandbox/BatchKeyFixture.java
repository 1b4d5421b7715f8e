package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.batch.BatchAccountKeyFactory;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Batch account keys: ARM stand-in for listKeys/regenerateKeys/GET, Batch endpoint for a Shared Key call. */
final class BatchKeyFixture implements ProviderFixture {

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "BatchAccountKey";
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(BatchAccountKeyFactory.ENDPOINT_TEMPLATE.key(), sandbox.batch.endpointTemplate());
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String accountName = ("ba" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        accountName = accountName.substring(0, Math.min(24, accountName.length()));
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Batch/batchAccounts/" + accountName;
        String primary = sandbox.batch.createAccount(resourceId);
        return new LiveKey(sandbox, resourceId, accountName, resourceGroup, primary);
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_BATCH", "arm", call -> call.path().endsWith("/regenerateKeys")),
                new FaultPoint("VERIFY_BATCH", "batch", call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("batchAccounts").forEach(account -> sandbox.batch.createAccount(account.path("id").asText(),
                account.path("location").asText("westeurope")));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("batchKeyOf")) {
            return Optional.empty();
        }
        String account = secret.path("batchKeyOf").asText();
        String keyName = secret.path("credentialId").asText("Primary");
        ArmStandIn.KeyState key = sandbox.batch.keys(account).get(keyName);
        if (key == null) {
            throw new IllegalArgumentException("seed: Batch account " + account + " has no key " + keyName);
        }
        return Optional.of(new SeedValue(key.value(), Map.of("CredentialType", credentialType(),
                "CredentialId", keyName, "ProviderAddress", account)));
    }

    private record LiveKey(Sandbox sandbox, String resourceId, String accountName, String resourceGroup,
                           String value) implements Live {

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", "BatchAccountKey", "CredentialId", "Primary",
                    "ProviderAddress", resourceId);
        }

        @Override
        public String credentialId() {
            return "Primary";
        }

        @Override
        public String lyingCredentialId() {
            return "Secondary";
        }

        @Override
        public ResourceScope scope(String vault) {
            return new ResourceScope(vault, List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
                    + resourceGroup), Set.of());
        }

        @Override
        public boolean accepts(String candidate) {
            return sandbox.batch.accepts(resourceId, candidate);
        }

        @Override
        public int remoteWrites() {
            return (int) sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKeys")
                    && call.path().contains("/batchAccounts/" + accountName + "/")).count();
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.batch.keys(resourceId).values().stream()
                    .anyMatch(key -> key.fingerprint().equals(stored.fingerprint()));
        }
    }
}
