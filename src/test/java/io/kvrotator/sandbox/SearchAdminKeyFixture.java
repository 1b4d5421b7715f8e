package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.search.SearchAdminKeyFactory;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Azure AI Search admin keys: the ARM stand-in for listAdminKeys/regenerateAdminKey, the {@link SearchStandIn}
 * data plane for trying a key. No connection string. Seed file: {@code searchServices[].id}, and secrets with
 * {@code searchAdminKeyOf} (a service ID) and {@code credentialId} ({@code primary}/{@code secondary}).
 */
final class SearchAdminKeyFixture implements ProviderFixture {

    static final String TYPE = "SearchAdminKey";

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
        return Map.of(SearchAdminKeyFactory.ENDPOINT_TEMPLATE.key(), sandbox.search.endpointTemplate());
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String serviceName = ("srch-" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/" + SearchStandIn.RESOURCE_TYPE + "/" + serviceName;
        String primary = sandbox.search.createService(resourceId);
        return new ArmLiveKey(TYPE, resourceId, resourceGroup, primary, "primary", "secondary",
                candidate -> sandbox.arm.acceptsKey(resourceId, candidate),
                ArmLiveKey.armCalls(sandbox, resourceId, "/regenerateAdminKey/"),
                ArmLiveKey.holdsOneOf(() -> sandbox.search.adminKeys(resourceId)));
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_SEARCH", "arm",
                        call -> call.path().toLowerCase(Locale.ROOT).contains("/regenerateadminkey/")),
                new FaultPoint("VERIFY_SEARCH", "search", call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("searchServices").forEach(service -> sandbox.search.createService(service.path("id").asText()));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("searchAdminKeyOf")) {
            return Optional.empty();
        }
        String service = secret.path("searchAdminKeyOf").asText();
        String keyName = secret.path("credentialId").asText("primary");
        KeyState key = sandbox.search.adminKeys(service).get(keyName);
        if (key == null) {
            throw new IllegalArgumentException("seed: " + keyName + " is not primary or secondary");
        }
        return Optional.of(new SeedValue(key.value(), Map.of("CredentialType", TYPE, "CredentialId", keyName,
                "ProviderAddress", service)));
    }
}
