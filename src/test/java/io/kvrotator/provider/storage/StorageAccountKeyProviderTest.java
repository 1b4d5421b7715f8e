package io.kvrotator.provider.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.DualKeyPlan;
import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SandboxTest
class StorageAccountKeyProviderTest {

    private static final Instant NOW = SandboxTest.START;
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-data/providers/Microsoft.Storage/storageAccounts/stdatadev";

    private Sandbox sandbox;
    private DualKeyProvider<StorageAccountId> provider;
    private String liveKey;

    @BeforeEach
    void start(Sandbox sandbox) {
        this.sandbox = sandbox;
        liveKey = sandbox.arm.createAccount(ACCOUNT);
        HttpClient http = HttpClient.createDefault();
        provider = new DualKeyProvider<>(new StorageAccountKeys(
                new ArmStorageKeys(ArmAccess.of(sandbox.arm.baseUrl() + "/", sandbox.credential, http)),
                new BlobStorageKeyVerifier(sandbox.blob.endpointTemplate(), http), sandbox.blob.endpointTemplate()),
                new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), duration -> { }),
                Duration.ofDays(60));
    }

    private SecretVersion liveVersion() {
        return version(Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", ACCOUNT));
    }

    private SecretValue liveValue() {
        return SecretValue.of(liveKey);
    }

    private ResourceScope scope() {
        return new ResourceScope("kv-dev-data", List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID
                + "/resourceGroups/rg-data"), Set.of());
    }

    @Test
    @DisplayName("a secret holding key2, tagged key1 in any casing, regenerates key1")
    void alternatesFromKey2() {
        String key2 = sandbox.arm.key(ACCOUNT, "key2").orElseThrow().value();

        DualKeyPlan<StorageAccountId> plan = provider.plan(
                version(Map.of("CredentialId", "KEY1", "ProviderAddress", ACCOUNT)), SecretValue.of(key2), scope());

        assertThat(plan.currentCredentialId()).isEqualTo("key2");
        assertThat(plan.nextCredentialId()).isEqualTo("key1");
    }

    @Test
    @DisplayName("another team's account named in ProviderAddress is refused: the value is none of its keys")
    void anotherTeamsAccount() {
        String victim = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-data/providers/"
                + "Microsoft.Storage/storageAccounts/stvictim";
        sandbox.arm.createAccount(victim);
        var before = sandbox.arm.keysOfAccountNamed("stvictim").orElseThrow();

        assertThatThrownBy(() -> provider.plan(version(Map.of("CredentialId", "key1", "ProviderAddress", victim)),
                liveValue(), scope())).isInstanceOfSatisfying(RotationException.class, e ->
                assertThat(e.failure().message()).contains("neither key1 nor key2 of storage account stvictim"));
        assertThat(sandbox.arm.keysOfAccountNamed("stvictim").orElseThrow()).isEqualTo(before);
    }

    @Test
    @DisplayName("a ProviderAddress that is not a storage account resource ID is terminal")
    void badAddress() {
        assertThatThrownBy(() -> provider.plan(version(Map.of("CredentialId", "key1",
                "ProviderAddress", "/subscriptions/../../etc/passwd")), liveValue(), scope()))
                .isInstanceOfSatisfying(RotationException.class, e ->
                        assertThat(e.failure()).isInstanceOf(Failure.Terminal.class));
    }

    @Test
    @DisplayName("a key the data plane keeps refusing fails verification retryably after the bounded attempts")
    void verificationGivesUp() {
        var plan = provider.plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider.issue(plan, NOW);
        sandbox.blob.faults(Faults.failing(request -> true, 100, StandIn.Response.text(403, "application/xml",
                "<Error><Code>AuthenticationFailed</Code></Error>")));

        assertThatThrownBy(() -> provider.verify(plan, issued)).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
            assertThat(e.failure().message()).contains("still failing after 3 attempts", "status=403");
        });
        assertThat(sandbox.blob.calls()).hasSize(3);
    }

    private static SecretVersion version(Map<String, String> tags) {
        return new SecretVersion(new SecretRef("kv-dev-data", "DATA-STORAGE-KEY"), "0".repeat(32), true,
                NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)), null,
                new HashMap<>(tags));
    }
}
