package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.containerregistry.ContainerRegistryPasswordFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Container registry admin passwords: ARM stand-in for listCredentials/regenerateCredential, registry for GET /v2/. */
final class ContainerRegistryFixture implements ProviderFixture {

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "ContainerRegistryPassword";
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(ContainerRegistryPasswordFactory.LOGIN_SERVER_TEMPLATE.key(),
                sandbox.containerRegistry.loginServerTemplate());
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String registryName = ("cr" + name).replaceAll("[^A-Za-z0-9]", "");
        registryName = registryName.substring(0, Math.min(50, registryName.length()));
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerRegistry/registries/" + registryName;
        String password = sandbox.containerRegistry.createRegistry(resourceId);
        return new ArmLiveKey("ContainerRegistryPassword", resourceId, resourceGroup, password, "password", "password2",
                candidate -> sandbox.containerRegistry.accepts(resourceId, candidate),
                ArmLiveKey.armCalls(sandbox, resourceId, "/regenerateCredential"),
                stored -> sandbox.containerRegistry.adminUserEnabled(resourceId)
                        && ArmLiveKey.holdsOneOf(() -> sandbox.containerRegistry.passwords(resourceId)).test(stored));
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_ACR", "arm", call -> call.path().endsWith("/regenerateCredential")),
                new FaultPoint("VERIFY_ACR", "acr", call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("containerRegistries").forEach(registry -> {
            String id = registry.path("id").asText();
            sandbox.containerRegistry.createRegistry(id);
            if (!registry.path("adminUserEnabled").asBoolean(true)) {
                sandbox.containerRegistry.disableAdminUser(id);
            }
        });
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("registryPasswordOf")) {
            return Optional.empty();
        }
        String registry = secret.path("registryPasswordOf").asText();
        String passwordName = secret.path("credentialId").asText("password");
        ArmStandIn.KeyState password = sandbox.containerRegistry.passwords(registry).get(passwordName);
        if (password == null) {
            throw new IllegalArgumentException("seed: container registry " + registry + " has no " + passwordName);
        }
        return Optional.of(new SeedValue(password.value(), Map.of("CredentialType", credentialType(),
                "CredentialId", passwordName, "ProviderAddress", registry)));
    }
}
