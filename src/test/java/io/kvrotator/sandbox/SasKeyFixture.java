package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Service Bus and Event Hubs authorization rule keys: the ARM stand-in lists and regenerates them
 * ({@link SasRuleType}), the service's {@link SasStandIn} checks SAS tokens made with them. A seed file lists the
 * rules under {@link #seedRules} ({@code {"id": ..., "rights": [...]}}, rights Listen, Send and Manage by default) and
 * a secret holds one's key with {@link #seedKeyOf} (the rule's ID) and {@code credentialId} ({@code PrimaryKey} by
 * default); with the tag {@code ValueFormat=connectionString} it holds the rule's connection string.
 */
abstract class SasKeyFixture implements ProviderFixture {

    private final String credentialType;
    private final String resourceProvider;
    private final Function<Sandbox, SasStandIn> standIn;
    private final String standInService;
    private final String seedRules;
    private final String seedKeyOf;

    /** @param standInService the data-plane stand-in's service name, where verification faults are injected */
    SasKeyFixture(String credentialType, String resourceProvider, Function<Sandbox, SasStandIn> standIn,
                  String standInService, String seedRules, String seedKeyOf) {
        this.credentialType = credentialType;
        this.resourceProvider = resourceProvider;
        this.standIn = standIn;
        this.standInService = standInService;
        this.seedRules = seedRules;
        this.seedKeyOf = seedKeyOf;
    }

    /** Below {@code .../namespaces/{namespace}}: the live rule, e.g. {@code /queues/orders/authorizationRules/send}. */
    abstract String liveRulePath();

    /** The prefix of the live rule's namespace name, e.g. {@code sb-}. */
    abstract String namespacePrefix();

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return credentialType;
    }

    @Override
    public boolean connectionStrings() {
        return true;
    }

    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String namespace = (namespacePrefix() + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String resourceGroup = "rg-" + name.toLowerCase(Locale.ROOT);
        String ruleId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/" + resourceProvider + "/namespaces/" + namespace + liveRulePath();
        String primaryKey = standIn.apply(sandbox).createRule(ruleId);
        return new LiveRuleKey(credentialType, sandbox, standIn.apply(sandbox), ruleId, resourceGroup, primaryKey);
    }

    @Override
    public List<FaultPoint> faultPoints() {
        String name = credentialType.toUpperCase(Locale.ROOT);
        return List.of(new FaultPoint("ROTATE_" + name, "arm", call -> call.path().toLowerCase(Locale.ROOT)
                        .endsWith("/regeneratekeys")),
                new FaultPoint("VERIFY_" + name, standInService, call -> true));
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        seed.path(seedRules).forEach(rule -> {
            Set<String> rights = new HashSet<>();
            rule.path("rights").forEach(right -> rights.add(right.asText()));
            standIn.apply(sandbox).createRule(rule.path("id").asText(),
                    rights.isEmpty() ? Set.of("Listen", "Send", "Manage") : rights);
        });
    }

    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has(seedKeyOf)) {
            return Optional.empty();
        }
        String ruleId = secret.path(seedKeyOf).asText();
        String keyName = secret.path("credentialId").asText("PrimaryKey");
        ArmStandIn.KeyState key = sandbox.arm.keysOf(ruleId).get(keyName);
        if (key == null) {
            throw new IllegalArgumentException("seed: credentialId of a " + credentialType + " is PrimaryKey or"
                    + " SecondaryKey, not " + keyName);
        }
        boolean connectionString = "connectionString".equals(secret.path("tags").path("ValueFormat").asText());
        String value = connectionString ? connectionString(standIn.apply(sandbox), ruleId, key.value()) : key.value();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("CredentialType", credentialType);
        tags.put("CredentialId", keyName);
        tags.put("ProviderAddress", ruleId);
        return Optional.of(new SeedValue(value, tags));
    }

    /** The connection string a consumer of the rule reads, with the stand-in's endpoint. */
    static String connectionString(SasStandIn standIn, String ruleId, String key) {
        String[] parts = ruleId.split("/");
        String endpoint = standIn.endpointTemplate().replace("{namespace}", parts[8]);
        return "Endpoint=sb://" + endpoint.substring(endpoint.indexOf("://") + 3) + "/;SharedAccessKeyName="
                + parts[parts.length - 1] + ";SharedAccessKey=" + key + (parts.length == 13 ? ";EntityPath="
                + parts[10] : "");
    }

    private record LiveRuleKey(String credentialType, Sandbox sandbox, SasStandIn standIn, String ruleId,
                               String resourceGroup, String value) implements Live {

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", credentialType, "CredentialId", "PrimaryKey", "ProviderAddress", ruleId);
        }

        @Override
        public String credentialId() {
            return "PrimaryKey";
        }

        @Override
        public String lyingCredentialId() {
            return "SecondaryKey";
        }

        @Override
        public ResourceScope scope(String vault) {
            return ProviderFixture.Live.resourceGroupScope(vault, resourceGroup);
        }

        @Override
        public boolean accepts(String candidate) {
            return sandbox.arm.acceptsKey(ruleId, candidate);
        }

        @Override
        public int remoteWrites() {
            String rule = ruleId.toLowerCase(Locale.ROOT) + "/";
            return (int) sandbox.arm.calls().stream().map(call -> call.path().toLowerCase(Locale.ROOT))
                    .filter(path -> path.startsWith(rule) && path.endsWith("/regeneratekeys")).count();
        }

        @Override
        public Optional<String> connectionString() {
            return Optional.of(SasKeyFixture.connectionString(standIn, ruleId, value));
        }

        @Override
        public String keyOf(String connectionString) {
            return Arrays.stream(connectionString.split(";")).filter(part -> part.startsWith("SharedAccessKey="))
                    .findFirst().orElseThrow().substring("SharedAccessKey=".length());
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> sandbox.arm.keysOf(ruleId).values().stream()
                    .anyMatch(key -> key.fingerprint().equals(stored.fingerprint()));
        }
    }
}
