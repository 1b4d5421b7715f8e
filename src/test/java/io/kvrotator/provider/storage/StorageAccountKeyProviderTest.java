package io.kvrotator.provider.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.CredentialProviderContract;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.rotation.Failure;
import io.kvrotator.rotation.RotationException;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StorageAccountKeyProviderTest extends CredentialProviderContract {

    private static final String ACCOUNT = "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de/resourceGroups/"
            + "rg-data/providers/Microsoft.Storage/storageAccounts/stdatadev";

    private Sandbox sandbox;
    private StorageAccountKeyProvider provider;
    private String liveKey;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(new MutableClock(NOW));
        liveKey = sandbox.arm.createAccount(ACCOUNT);
        HttpClient http = HttpClient.createDefault();
        provider = new StorageAccountKeyProvider(
                new ArmStorageKeys(sandbox.arm.baseUrl() + "/", sandbox.credential, http),
                new BlobStorageKeyVerifier(sandbox.blob.endpointTemplate(), http),
                new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), duration -> { }),
                Duration.ofDays(60));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Override
    protected CredentialProvider provider() {
        return provider;
    }

    @Override
    protected SecretVersion liveVersion() {
        return version(Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", ACCOUNT));
    }

    @Override
    protected boolean liveCredentialWorks() {
        return sandbox.arm.accepts("stdatadev", liveKey);
    }

    @Override
    protected boolean accepts(IssuedCredential issued) {
        return sandbox.arm.accepts("stdatadev", issued.value().reveal());
    }

    @Override
    protected int remoteCalls() {
        return sandbox.arm.calls().size() + sandbox.blob.calls().size();
    }

    @Test
    @DisplayName("CredentialId key2 regenerates key1, in any casing")
    void alternatesFromKey2() {
        assertThat(provider.plan(version(Map.of("CredentialId", "KEY2", "ProviderAddress", ACCOUNT))).nextCredentialId())
                .isEqualTo("key1");
    }

    @Test
    @DisplayName("a missing or unknown CredentialId is terminal: which key is in use cannot be guessed")
    void unknownCredentialId() {
        assertThatThrownBy(() -> provider.plan(version(Map.of("CredentialId", "key3", "ProviderAddress", ACCOUNT))))
                .isInstanceOfSatisfying(RotationException.class, e ->
                        assertThat(e.failure().message()).contains("CredentialId must be key1 or key2"));
    }

    @Test
    @DisplayName("a ProviderAddress that is not a storage account resource ID is terminal")
    void badAddress() {
        assertThatThrownBy(() -> provider.plan(version(Map.of("CredentialId", "key1",
                "ProviderAddress", "/subscriptions/../../etc/passwd"))))
                .isInstanceOfSatisfying(RotationException.class, e ->
                        assertThat(e.failure()).isInstanceOf(Failure.Terminal.class));
    }

    @Test
    @DisplayName("a key the data plane keeps refusing fails verification retryably after the bounded attempts")
    void verificationGivesUp() {
        var plan = provider.plan(liveVersion());
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
