package io.kvrotator.provider.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.sandbox.ArmStandIn;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Storage key rotation end to end: Event Grid function -> real SDK clients over HTTPS -> sandbox stand-ins. */
@SandboxTest(vaults = StorageKeyRotationTest.VAULT)
class StorageKeyRotationTest {

    private static final Instant NOW = SandboxTest.START;
    static final String VAULT = "kv-dev-payments";
    private static final String SECRET = "PAYMENTS-STORAGE-KEY";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-payments/providers/Microsoft.Storage/storageAccounts/stpaymentsdev";

    private final KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
    private Sandbox sandbox;
    private MutableClock clock;
    private LogCapture logs;
    private String firstVersion;
    private Instant firstExpiry;

    @BeforeEach
    void seedAStorageKeyNearExpiry(Sandbox sandbox, MutableClock clock, LogCapture logs) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.logs = logs;
        String key1 = sandbox.arm.createAccount(ACCOUNT);
        firstExpiry = NOW.plus(Duration.ofDays(20));
        firstVersion = sandbox.keyVault.seedSecret(VAULT, SECRET, key1, Map.of(
                "CredentialType", "StorageAccountKey",
                "CredentialId", "key1",
                "ProviderAddress", ACCOUNT,
                "ValidityPeriodDays", "60",
                "Owner", "payments-team@contoso.com"), NOW.minus(Duration.ofDays(40)), firstExpiry);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("a near-expiry event stores the regenerated key2 as the new latest version and leaves key1 alone")
    void rotatesToTheInactiveKey() {
        ArmStandIn.KeyState key1Before = key("key1");
        ArmStandIn.KeyState key2Before = key("key2");

        functions.secretNearExpiry(nearExpiryEventFor(firstVersion, firstExpiry), null);

        List<VersionView> versions = sandbox.keyVault.versions(VAULT, SECRET);
        assertThat(versions).hasSize(2);
        VersionView rotated = versions.get(1);
        assertThat(rotated.fingerprint()).isEqualTo(key("key2").fingerprint())
                .isNotEqualTo(key2Before.fingerprint());
        assertThat(key("key1")).isEqualTo(key1Before);
        assertThat(rotated.tags()).containsEntry("CredentialId", "key2")
                .containsEntry("CredentialType", "StorageAccountKey")
                .containsEntry("ProviderAddress", ACCOUNT)
                .containsEntry("ValidityPeriodDays", "60")
                .containsEntry("Owner", "payments-team@contoso.com")
                .containsEntry("RotatedBy", "event:" + lastEventId)
                .containsEntry("RotationReason", "SecretNearExpiry")
                .containsEntry("PreviousVersion", firstVersion)
                .containsEntry("RotatedAt", clock.instant().toString());
        assertThat(rotated.expiresOn()).isEqualTo(clock.instant().plus(Duration.ofDays(60)));
        assertThat(rotated.notBefore()).isEqualTo(clock.instant());
        assertThat(rotated.enabled()).isTrue();
        assertThat(versions.get(0).enabled()).as("the previous version keeps working").isTrue();
    }

    @Test
    @DisplayName("with ValueFormat=connectionString, the new version holds the connection string of key2")
    void rotatesAConnectionString() {
        String endpoint = sandbox.blob.endpointTemplate().replace("{account}", "stpaymentsdev");
        String inUse = "DefaultEndpointsProtocol=https;AccountName=stpaymentsdev;AccountKey=" + key("key1").value()
                + ";BlobEndpoint=" + endpoint;
        String version = sandbox.keyVault.seedSecret(VAULT, "PAYMENTS-STORAGE-CONNECTION", inUse, Map.of(
                "CredentialType", "StorageAccountKey", "ProviderAddress", ACCOUNT, "ValueFormat", "connectionString"),
                NOW.minus(Duration.ofDays(40)), firstExpiry);
        ArmStandIn.KeyState key1Before = key("key1");

        functions.secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "PAYMENTS-STORAGE-CONNECTION", version,
                firstExpiry, clock.instant()), null);

        List<VersionView> versions = sandbox.keyVault.versions(VAULT, "PAYMENTS-STORAGE-CONNECTION");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).fingerprint()).isEqualTo(SecretValue.fingerprintOf(
                "DefaultEndpointsProtocol=https;AccountName=stpaymentsdev;AccountKey=" + key("key2").value()
                        + ";BlobEndpoint=" + endpoint));
        assertThat(versions.get(1).tags()).containsEntry("CredentialId", "key2")
                .containsEntry("ValueFormat", "connectionString");
        assertThat(key("key1")).as("the key the connection string in use holds").isEqualTo(key1Before);
    }

    @Test
    @DisplayName("a second rotation goes back to key1 and leaves key2, now in use, alone")
    void secondRotationAlternates() {
        functions.secretNearExpiry(nearExpiryEventFor(firstVersion, firstExpiry), null);
        VersionView second = sandbox.keyVault.versions(VAULT, SECRET).get(1);
        clock.advance(Duration.ofDays(31));
        ArmStandIn.KeyState key2InUse = key("key2");

        functions.secretNearExpiry(nearExpiryEventFor(second.version(), second.expiresOn()), null);

        List<VersionView> versions = sandbox.keyVault.versions(VAULT, SECRET);
        assertThat(versions).hasSize(3);
        assertThat(versions.get(2).tags()).containsEntry("CredentialId", "key1")
                .containsEntry("PreviousVersion", second.version());
        assertThat(versions.get(2).fingerprint()).isEqualTo(key("key1").fingerprint());
        assertThat(key("key2")).isEqualTo(key2InUse);
    }

    @Test
    @DisplayName("the same event delivered 10 times rotates once")
    void duplicatesRotateOnce() {
        String event = nearExpiryEventFor(firstVersion, firstExpiry);

        for (int delivery = 0; delivery < 10; delivery++) {
            functions.secretNearExpiry(event, null);
        }

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(regenerateCalls()).isEqualTo(1);
        assertThat(logs.linesContaining("rotation.skipped")).hasSize(9);
    }

    @Test
    @DisplayName("an event for a version that is no longer the latest rotates nothing")
    void staleEventRotatesNothing() {
        String freshKey = sandbox.arm.key(ACCOUNT, "key1").orElseThrow().value();
        sandbox.keyVault.seedSecret(VAULT, SECRET, freshKey, Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "ProviderAddress", ACCOUNT), clock.instant(),
                clock.instant().plus(Duration.ofDays(90)));

        functions.secretNearExpiry(nearExpiryEventFor(firstVersion, firstExpiry), null);

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(regenerateCalls()).isZero();
        assertThat(logs.linesContaining("is no longer the latest")).hasSize(1);
    }

    @Test
    @DisplayName("a secret without CredentialType is not rotated; the notice it would send is logged")
    void untaggedSecretIsNotifyOnly() {
        String version = sandbox.keyVault.seedSecret(VAULT, "LEGACY-API-KEY", "legacy-value-0123456789abcdef",
                Map.of("Owner", "ops@contoso.com"), NOW, NOW.plus(Duration.ofDays(10)));

        functions.secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "LEGACY-API-KEY", version,
                NOW.plus(Duration.ofDays(10)), clock.instant()), null);

        assertThat(sandbox.keyVault.versions(VAULT, "LEGACY-API-KEY")).hasSize(1);
        assertThat(regenerateCalls()).isZero();
        assertThat(logs.linesContaining("notice kind=NEAR_EXPIRY")).singleElement().asString()
                .contains("object=LEGACY-API-KEY", "owners=[ops@contoso.com]", "Expires soon");
    }

    @Test
    @DisplayName("no secret value the sandbox issued appears in the log of a rotation")
    void logsLeakNoSecret() {
        functions.secretNearExpiry(nearExpiryEventFor(firstVersion, firstExpiry), null);
        functions.secretNearExpiry(nearExpiryEventFor(firstVersion, firstExpiry), null);

        assertThat(logs.linesContaining("rotation.rotated")).hasSize(1);
        assertThat(IssuedSecrets.count()).isGreaterThanOrEqualTo(3);
        assertThat(IssuedSecrets.foundIn(logs.all())).as("secret values in the log").isEmpty();
    }

    private String lastEventId;

    private String nearExpiryEventFor(String version, Instant expiresOn) {
        lastEventId = java.util.UUID.randomUUID().toString();
        return KeyVaultEvents.event("Microsoft.KeyVault.SecretNearExpiry", lastEventId, VAULT, SECRET, version,
                expiresOn, expiresOn.minus(Duration.ofDays(30)));
    }

    private ArmStandIn.KeyState key(String name) {
        return sandbox.arm.key(ACCOUNT, name).orElseThrow();
    }

    private long regenerateCalls() {
        return sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKey"))
                .filter(call -> call.status() == 200).map(StandIn.Call::path).count();
    }
}
