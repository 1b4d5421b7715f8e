package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.cognitiveservices.CognitiveServicesKeyFactory;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Azure AI services / Azure OpenAI account keys: the ARM stand-in for listKeys/regenerateKey, the
 * {@link CognitiveServicesStandIn} data plane for trying a key. No connection string. Seed file:
 * {@code cognitiveAccounts[].id}, and secrets with {@code cognitiveKeyOf} (an account ID) and {@code credentialId}
 * ({@code Key1}/{@code Key2}).
 */
final class CognitiveServicesKeyFixture implements ProviderFixture {

    static final String TYPE = "CognitiveServicesKey";

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(CognitiveServicesKeyFactory.VERIFY_URL_TEMPLATE.key(), sandbox.cognitive.verifyUrlTemplate());
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String accountName = ("ai-" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/" + CognitiveServicesStandIn.RESOURCE_TYPE + "/" + accountName;
        String key1 = sandbox.cognitive.createAccount(resourceId);
        return new ArmLiveKey(TYPE, resourceId, resourceGroup, key1, "Key1", "Key2",
                candidate -> sandbox.arm.acceptsKey(resourceId, candidate),
                ArmLiveKey.armCalls(sandbox, resourceId, "/regenerateKey"),
                ArmLiveKey.holdsOneOf(() -> sandbox.cognitive.keys(resourceId)));
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_COGNITIVE", "arm", call -> call.path().endsWith("/regenerateKey")
                        && call.path().toLowerCase(Locale.ROOT).contains("/microsoft.cognitiveservices/")),
                new FaultPoint("VERIFY_COGNITIVE", "cognitive", call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("cognitiveAccounts").forEach(account -> sandbox.cognitive.createAccount(account.path("id").asText()));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("cognitiveKeyOf")) {
            return Optional.empty();
        }
        String account = secret.path("cognitiveKeyOf").asText();
        String keyName = secret.path("credentialId").asText("Key1");
        KeyState key = sandbox.cognitive.keys(account).get(keyName);
        if (key == null) {
            throw new IllegalArgumentException("seed: " + keyName + " is not Key1 or Key2");
        }
        return Optional.of(new SeedValue(key.value(), Map.of("CredentialType", TYPE, "CredentialId", keyName,
                "ProviderAddress", account)));
    }
}
