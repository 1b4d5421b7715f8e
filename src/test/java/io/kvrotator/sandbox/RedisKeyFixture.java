package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.redis.RedisKeyFactory;
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
 * Azure Cache for Redis keys: the ARM stand-in lists and regenerates them, a real redis-server ({@link RedisCaches})
 * takes them with {@code AUTH}. Seed-file entries: {@code redisCaches[].id}; a secret with {@code redisKeyOf} (a
 * cache's ID) and {@code credentialId} ({@code Primary} or {@code Secondary}), holding the connection string when its
 * tags say {@code ValueFormat=connectionString}. No fault point on the data plane: a real server cannot be told to
 * fail, so verification's faults are covered by the other providers' stand-ins.
 */
final class RedisKeyFixture implements ProviderFixture {

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "RedisKey";
    }

    @Override
    public boolean connectionStrings() {
        return true;
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(RedisKeyFactory.ENDPOINT_TEMPLATE.key(), sandbox.redis().endpointTemplate());
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String cacheName = ("redis-" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Cache/redis/" + cacheName;
        String primary = sandbox.redis().create(resourceId);
        return new LiveKey(sandbox, resourceId, cacheName, resourceGroup, primary);
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of(new FaultPoint("ROTATE_REDIS", "arm", call -> call.path().endsWith("/regenerateKey")));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path("redisCaches").forEach(cache -> sandbox.redis().create(cache.path("id").asText()));
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("redisKeyOf")) {
            return Optional.empty();
        }
        String cache = secret.path("redisKeyOf").asText();
        String keyName = secret.path("credentialId").asText(RedisCaches.PRIMARY);
        KeyState key = sandbox.arm.keysOf(cache).get(keyName);
        if (key == null) {
            throw new IllegalArgumentException("seed: Redis cache " + cache + " has no key " + keyName);
        }
        boolean connectionString = "connectionString".equals(secret.path("tags").path("ValueFormat").asText());
        String value = connectionString ? connectionString(sandbox, cache, key.value()) : key.value();
        return Optional.of(new SeedValue(value, Map.of("CredentialType", credentialType(), "CredentialId", keyName,
                "ProviderAddress", cache)));
    }

    private static String connectionString(Sandbox sandbox, String resourceId, String key) {
        return sandbox.redis().endpointTemplate().substring("redis://".length()) + ",password=" + key
                + ",ssl=False,abortConnect=False";
    }

    private record LiveKey(Sandbox sandbox, String resourceId, String cacheName, String resourceGroup,
                           String value) implements Live {

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", "RedisKey", "CredentialId", RedisCaches.PRIMARY,
                    "ProviderAddress", resourceId);
        }

        @Override
        public String credentialId() {
            return RedisCaches.PRIMARY;
        }

        @Override
        public String lyingCredentialId() {
            return RedisCaches.SECONDARY;
        }

        @Override
        public ResourceScope scope(String vault) {
            return ProviderFixture.Live.resourceGroupScope(vault, resourceGroup);
        }

        /** Asked of the real server ({@code AUTH}) and of the ARM stand-in (a key of this cache). */
        @Override
        public boolean accepts(String candidate) {
            return sandbox.redis().accepts(resourceId, candidate);
        }

        @Override
        public int remoteWrites() {
            return (int) sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKey")
                    && call.path().toLowerCase(Locale.ROOT).contains("/redis/" + cacheName + "/")).count();
        }

        @Override
        public Optional<String> connectionString() {
            return Optional.of(RedisKeyFixture.connectionString(sandbox, resourceId, value));
        }

        @Override
        public String keyOf(String connectionString) {
            return Arrays.stream(connectionString.split(",")).filter(part -> part.startsWith("password="))
                    .findFirst().orElseThrow().substring("password=".length());
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.arm.keysOf(resourceId).values().stream()
                    .filter(key -> key.fingerprint().equals(stored.fingerprint()))
                    .anyMatch(key -> sandbox.redis().serverAccepts(key.value()));
        }
    }
}
