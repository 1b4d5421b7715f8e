package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.appregistration.AppRegistrationSecretFactory;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** App registration secrets: Graph stand-in for the application's passwords, Entra stand-in for trying one. */
final class AppSecretFixture implements ProviderFixture {

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "AppRegistrationSecret";
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(AppRegistrationSecretFactory.AUTHORITY_HOST.key(), sandbox.entra.baseUrl(),
                AppRegistrationSecretFactory.TENANT_ID.key(), Sandbox.TENANT_ID);
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String appId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        String objectId = sandbox.graph.createApplication(name, appId);
        Instant now = sandbox.clock().instant();
        PasswordState password = sandbox.graph.addPassword(objectId, "made in the portal",
                now.minus(Duration.ofDays(527)), now.plus(Duration.ofDays(20)));
        return new LivePassword(sandbox, objectId, appId, password);
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_APP", "graph", call -> call.path().endsWith("/addPassword")),
                new FaultPoint("VERIFY_APP", "entra", call -> call.path().endsWith("/oauth2/v2.0/token")),
                new FaultPoint("RETIRE_APP", "graph", call -> call.path().endsWith("/removePassword")));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("applications").forEach(app -> sandbox.graph.createApplication(app.path("name").asText(),
                app.path("appId").asText(UUID.randomUUID().toString())));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("passwordOf")) {
            return Optional.empty();
        }
        String name = secret.path("passwordOf").asText();
        String objectId = sandbox.graph.applications().values().stream()
                .filter(app -> app.displayName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("seed: no application " + name)).objectId();
        PasswordState password = sandbox.graph.addPassword(objectId, "initial secret",
                now.minus(Duration.ofDays(500)), expires);
        return Optional.of(new SeedValue(password.value(), Map.of("CredentialType", credentialType(),
                "CredentialId", password.keyId(), "ProviderAddress", objectId)));
    }

    private record LivePassword(Sandbox sandbox, String objectId, String appId, PasswordState password)
            implements Live {

        @Override
        public String value() {
            return password.value();
        }

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", "AppRegistrationSecret", "CredentialId", password.keyId(),
                    "ProviderAddress", objectId);
        }

        @Override
        public String credentialId() {
            return password.keyId();
        }

        @Override
        public String lyingCredentialId() {
            return "00000000-0000-4000-8000-00000000dead";
        }

        @Override
        public ResourceScope scope(String vault) {
            return new ResourceScope(vault, List.of(), Set.of(objectId));
        }

        @Override
        public boolean accepts(String candidate) {
            return sandbox.entra.accepts(appId, candidate);
        }

        @Override
        public int remoteWrites() {
            return (int) sandbox.graph.passwordActions().stream()
                    .filter(action -> action.objectId().equals(objectId)).count();
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.graph.passwords(objectId).stream()
                    .filter(p -> p.keyId().equals(stored.tags().get("CredentialId"))
                            && p.fingerprint().equals(stored.fingerprint()))
                    .anyMatch(p -> sandbox.entra.accepts(appId, p.value()));
        }

        @Override
        public List<String> orphans(List<VersionView> versions) {
            return sandbox.graph.passwords(objectId).stream()
                    .filter(p -> p.displayName() != null && p.displayName().startsWith("kv-rotator:"))
                    .filter(p -> versions.stream().noneMatch(v -> p.keyId().equals(v.tags().get("CredentialId"))))
                    .map(PasswordState::keyId).toList();
        }
    }
}
