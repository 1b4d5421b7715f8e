package io.kvrotator.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the Event Grid functions tell Event Grid: throw to be redelivered, complete when a retry cannot help. */
@SandboxTest(vaults = KeyVaultEventFunctionsTest.VAULT)
class KeyVaultEventFunctionsTest {

    private static final Instant NOW = SandboxTest.START;
    static final String VAULT = "kv-dev-orders";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-orders/providers/Microsoft.Storage/storageAccounts/stordersdev";

    private final KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
    private Sandbox sandbox;
    private MutableClock clock;
    private LogCapture logs;
    private String key1;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock, LogCapture logs) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.logs = logs;
        key1 = sandbox.arm.createAccount(ACCOUNT);
    }

    @Test
    @DisplayName("ARM answering 503 throughout makes the function throw; the redelivery after it recovers rotates once")
    void retryableThrowsThenRedeliveryRotates() {
        String version = seed("ORDERS-STORAGE-KEY", Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "ProviderAddress", ACCOUNT));
        String event = KeyVaultEvents.nearExpiry(VAULT, "ORDERS-STORAGE-KEY", version, NOW.plus(Duration.ofDays(20)), NOW);
        sandbox.arm.faults(Faults.failing(request -> true, 1000, StandIn.Response.json(503,
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("error", "busy"))
                .withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> functions.secretNearExpiry(event, null))
                .isInstanceOf(RedeliveryRequested.class)
                .hasMessageContaining("kv-dev-orders/ORDERS-STORAGE-KEY")
                .hasMessageContaining("status=503");
        assertThat(sandbox.keyVault.versions(VAULT, "ORDERS-STORAGE-KEY")).hasSize(1);
        assertThat(sandbox.arm.accepts("stordersdev", key1)).isTrue();

        sandbox.resetFaults();
        functions.secretNearExpiry(event, null);
        functions.secretNearExpiry(event, null);

        assertThat(sandbox.keyVault.versions(VAULT, "ORDERS-STORAGE-KEY")).hasSize(2);
        assertThat(sandbox.arm.accepts("stordersdev", key1)).isTrue();
    }

    @Test
    @DisplayName("a secret with unusable tags completes without retry and its owner gets a failure notice")
    void terminalCompletes() {
        String version = seed("ORDERS-BROKEN-KEY", Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "Owner", "orders@contoso.com"));

        assertThatCode(() -> functions.secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "ORDERS-BROKEN-KEY", version,
                NOW.plus(Duration.ofDays(20)), NOW), null)).doesNotThrowAnyException();

        assertThat(sandbox.keyVault.versions(VAULT, "ORDERS-BROKEN-KEY")).hasSize(1);
        assertThat(sandbox.arm.calls()).isEmpty();
        assertThat(logs.linesContaining("notice kind=ROTATION_FAILED")).singleElement().asString()
                .contains("owners=[orders@contoso.com]", "ProviderAddress is missing");
    }

    @Test
    @DisplayName("a secret with a tag value too long for Key Vault fails before any credential changes")
    void hugeTagValue() {
        String version = seed("ORDERS-HUGE-TAG", Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1",
                "ProviderAddress", ACCOUNT, "Notes", "n".repeat(5000)));

        assertThatCode(() -> functions.secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "ORDERS-HUGE-TAG", version,
                NOW.plus(Duration.ofDays(20)), NOW), null)).doesNotThrowAnyException();

        assertThat(sandbox.keyVault.versions(VAULT, "ORDERS-HUGE-TAG")).hasSize(1);
        assertThat(sandbox.arm.calls()).isEmpty();
        assertThat(logs.linesContaining("rotation.failed_terminal")).singleElement().asString()
                .contains("tag Notes is longer than 256 characters").doesNotContain("nnnnnnnnnn");
    }

    @Test
    @DisplayName("an event for a vault outside the allow-list is logged and completed without touching any vault")
    void vaultNotAllowed() {
        assertThatCode(() -> functions.secretExpired(KeyVaultEvents.expired("kv-prod-orders", "X", "0".repeat(32),
                NOW, NOW), null)).doesNotThrowAnyException();

        assertThat(sandbox.keyVault.calls()).isEmpty();
        assertThat(logs.linesContaining("event.rejected")).singleElement().asString()
                .contains("not in the allow-list");
    }

    @Test
    @DisplayName("a malformed delivery is logged and completed without retry")
    void malformedCompletes() {
        assertThatCode(() -> functions.secretNearExpiry("{\"id\":\"x\",\"eventType\":", null))
                .doesNotThrowAnyException();

        assertThat(sandbox.keyVault.calls()).isEmpty();
        assertThat(logs.linesContaining("not valid JSON")).hasSize(1);
    }

    @Test
    @DisplayName("SecretExpired rotates at once and the notice says the secret had expired")
    void expiredRotates() {
        String version = seed("ORDERS-STORAGE-KEY", Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "ProviderAddress", ACCOUNT));
        clock.advance(Duration.ofDays(21));

        functions.secretExpired(KeyVaultEvents.expired(VAULT, "ORDERS-STORAGE-KEY", version,
                NOW.plus(Duration.ofDays(20)), clock.instant()), null);

        assertThat(sandbox.keyVault.versions(VAULT, "ORDERS-STORAGE-KEY")).hasSize(2)
                .last().satisfies(v -> assertThat(v.tags()).containsEntry("RotationReason", "SecretExpired"));
        assertThat(logs.linesContaining("notice kind=ROTATED severity=WARNING")).singleElement().asString()
                .contains("had already expired");
        assertThat(IssuedSecrets.foundIn(logs.all())).isEmpty();
    }

    private String seed(String name, Map<String, String> tags) {
        return sandbox.keyVault.seedSecret(VAULT, name, key1, tags, NOW.minus(Duration.ofDays(40)),
                NOW.plus(Duration.ofDays(20)));
    }
}
