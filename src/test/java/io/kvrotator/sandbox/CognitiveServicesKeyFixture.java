package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.cognitiveservices.CognitiveServicesKeyFactory;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
        return new LiveKey(sandbox, resourceId, resourceGroup, key1);
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

    private record LiveKey(Sandbox sandbox, String resourceId, String resourceGroup, String value) implements Live {

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", TYPE, "CredentialId", "Key1", "ProviderAddress", resourceId);
        }

        @Override
        public String credentialId() {
            return "Key1";
        }

        @Override
        public String lyingCredentialId() {
            return "Key2";
        }

        @Override
        public ResourceScope scope(String vault) {
            return new ResourceScope(vault, List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
                    + resourceGroup), Set.of());
        }

        @Override
        public boolean accepts(String candidate) {
            return sandbox.arm.acceptsKey(resourceId, candidate);
        }

        @Override
        public int remoteWrites() {
            String regenerate = (resourceId + "/regenerateKey").toLowerCase(Locale.ROOT);
            return (int) sandbox.arm.calls().stream()
                    .filter(call -> call.path().toLowerCase(Locale.ROOT).equals(regenerate)).count();
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.cognitive.keys(resourceId).values().stream()
                    .anyMatch(key -> key.fingerprint().equals(stored.fingerprint()));
        }
    }
}
