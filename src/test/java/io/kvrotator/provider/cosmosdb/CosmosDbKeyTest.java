package io.kvrotator.provider.cosmosdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.app.Settings;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.DualKeyPlan;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderContext;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cosmos DB's second pair: a secret holding a read-only key rotates within {@code primaryReadonly}/
 * {@code secondaryReadonly} and never touches the read-write keys (the shared contract covers the read-write pair).
 * Through the registered factory, the ARM SDK and the sandbox stand-ins.
 */
class CosmosDbKeyTest {

    private static final Instant NOW = SandboxTest.START;
    private static final String VAULT = "kv-dev-cosmos";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-cosmos/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-readonly";

    private final Sandbox sandbox = Sandbox.start(new MutableClock(NOW));
    private final Map<String, KeyState> created = sandbox.cosmos.create(ACCOUNT);
    private final CredentialProvider<DualKeyPlan<?>> provider = provider();
    private final ResourceScope scope = new ResourceScope(VAULT, List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-cosmos"), Set.of());

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    @DisplayName("a read-only key regenerates the other read-only key, verifies it, and leaves the read-write pair")
    void readOnlyPairRotates() {
        DualKeyPlan<?> plan = provider.plan(version("secondaryReadonly", Map.of()), value("primaryReadonly"), scope);

        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(60)));
        provider.verify(plan, issued);

        assertThat(plan.currentCredentialId()).isEqualTo("primaryReadonly");
        assertThat(plan.nextCredentialId()).isEqualTo("secondaryReadonly");
        assertThat(issued.credentialId()).isEqualTo("secondaryReadonly");
        Map<String, KeyState> now = sandbox.arm.keysOf(ACCOUNT);
        assertThat(now.get("secondaryReadonly")).isNotEqualTo(created.get("secondaryReadonly"));
        assertThat(sandbox.cosmos.accepts(ACCOUNT, issued.value().reveal())).isTrue();
        for (String untouched : List.of("primary", "secondary", "primaryReadonly")) {
            assertThat(now.get(untouched)).as(untouched).isEqualTo(created.get(untouched));
        }
    }

    @Test
    @DisplayName("revoking a read-only key regenerates the other read-only key only")
    void readOnlyRevocation() {
        DualKeyPlan<?> plan = provider.plan(version("primaryReadonly", Map.of()), value("secondaryReadonly"), scope);

        provider.invalidateAllBut(plan, "primaryReadonly");

        assertThat(provider.stillAccepts(plan, value("secondaryReadonly"))).isFalse();
        Map<String, KeyState> now = sandbox.arm.keysOf(ACCOUNT);
        for (String untouched : List.of("primary", "secondary", "primaryReadonly")) {
            assertThat(now.get(untouched)).as(untouched).isEqualTo(created.get(untouched));
        }
    }

    @Test
    @DisplayName("a read-only connection string rotates to a read-only connection string")
    void readOnlyConnectionString() {
        String endpoint = sandbox.cosmos.endpointTemplate().replace("{account}", "cosmos-readonly");
        SecretValue current = SecretValue.of("AccountEndpoint=" + endpoint + ";AccountKey="
                + created.get("secondaryReadonly").value() + ";");

        DualKeyPlan<?> plan = provider.plan(version("secondaryReadonly", Map.of("ValueFormat", "connectionString")),
                current, scope);
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(60)));
        provider.verify(plan, issued);

        assertThat(plan.nextCredentialId()).isEqualTo("primaryReadonly");
        assertThat(issued.value().reveal()).startsWith("AccountEndpoint=" + endpoint + ";AccountKey=")
                .endsWith(sandbox.arm.keysOf(ACCOUNT).get("primaryReadonly").value() + ";");
    }

    @Test
    @DisplayName("a value that is none of the four keys is refused, naming all four, and nothing changes")
    void noneOfTheFour() {
        assertThatThrownBy(() -> provider.plan(version("primary", Map.of()), SecretValue.of("bm90IGEga2V5"), scope))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                    assertThat(e.failure().message()).startsWith("refused: the secret's value is none of primary,"
                            + " secondary, primaryReadonly, secondaryReadonly of Cosmos DB account cosmos-readonly");
                });
        assertThat(sandbox.arm.keysOf(ACCOUNT)).isEqualTo(created);
    }

    private SecretValue value(String keyName) {
        return SecretValue.of(created.get(keyName).value());
    }

    private static SecretVersion version(String credentialId, Map<String, String> extra) {
        Map<String, String> tags = new HashMap<>(Map.of("CredentialType", "CosmosDbKey", "CredentialId", credentialId,
                "ProviderAddress", ACCOUNT));
        tags.putAll(extra);
        return new SecretVersion(new SecretRef(VAULT, "COSMOS-READONLY-KEY"), "0123456789abcdef0123456789abcdef", true,
                NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)), null,
                tags);
    }

    @SuppressWarnings("unchecked")
    private CredentialProvider<DualKeyPlan<?>> provider() {
        Settings settings = Settings.from(sandbox.appSettings(VAULT));
        ProviderContext context = sandbox.providerContext(settings);
        return (CredentialProvider<DualKeyPlan<?>>) settings.providers().stream()
                .filter(configured -> configured.credentialType().equals(CosmosDbKeys.TYPE)).findFirst().orElseThrow()
                .build(context);
    }
}
