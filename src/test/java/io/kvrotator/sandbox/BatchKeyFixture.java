package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.batch.BatchAccountKeyFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        return new ArmLiveKey("BatchAccountKey", resourceId, resourceGroup, primary, "Primary", "Secondary",
                candidate -> sandbox.batch.accepts(resourceId, candidate),
                ArmLiveKey.armCalls(sandbox, resourceId, "/regenerateKeys"),
                ArmLiveKey.holdsOneOf(() -> sandbox.batch.keys(resourceId)));
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
}
