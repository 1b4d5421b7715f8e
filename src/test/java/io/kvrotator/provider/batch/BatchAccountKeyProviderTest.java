package io.kvrotator.provider.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.DualKeyPlan;
import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SandboxTest
class BatchAccountKeyProviderTest {

    private static final Instant NOW = SandboxTest.START;
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-render/providers/Microsoft.Batch/batchAccounts/contosorender";

    private Sandbox sandbox;
    private MutableClock clock;
    private ArmBatchKeys keys;
    private DualKeyProvider<ArmResourceId> provider;
    private ArmResourceId account;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) {
        this.sandbox = sandbox;
        this.clock = clock;
        sandbox.batch.createAccount(ACCOUNT, "northeurope");
        keys = new ArmBatchKeys(ArmAccess.of(sandbox.arm.baseUrl() + "/", sandbox.credential,
                HttpClient.createDefault()));
        BatchAccountKeys service = new BatchAccountKeys(keys, verifier(clock));
        provider = new DualKeyProvider<>(service, new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5),
                duration -> { }), Duration.ofDays(60));
        account = service.parse(ACCOUNT).orElseThrow();
    }

    private SharedKeyBatchVerifier verifier(Clock clock) {
        return new SharedKeyBatchVerifier(sandbox.batch.endpointTemplate(), keys::region, HttpClient.createDefault(),
                clock);
    }

    @Test
    @DisplayName("a secret holding Secondary regenerates Primary, verified by a Shared Key call in the account's region")
    void alternatesFromSecondary() {
        String secondary = sandbox.batch.keys(ACCOUNT).get("Secondary").value();

        DualKeyPlan<ArmResourceId> plan = provider.plan(version(), SecretValue.of(secondary), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(60)));
        provider.verify(plan, issued);

        assertThat(plan.currentCredentialId()).isEqualTo("Secondary");
        assertThat(issued.credentialId()).isEqualTo("Primary");
        assertThat(sandbox.batch.accepts(ACCOUNT, secondary)).isTrue();
        assertThat(sandbox.batch.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/northeurope/contosorender/applications");
            assertThat(call.status()).isEqualTo(200);
        });
    }

    @Test
    @DisplayName("the Batch endpoint refuses a key that is not the account's, and a signature more than 15 minutes old")
    void refusesWrongKeysAndStaleDates() {
        String primary = sandbox.batch.keys(ACCOUNT).get("Primary").value();
        String notTheKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);

        assertThatThrownBy(() -> verifier(clock).verify(account, SecretValue.of(notTheKey)))
                .isInstanceOfSatisfying(HttpResponseException.class, e ->
                        assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
        Clock stale = Clock.fixed(clock.instant().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        assertThatThrownBy(() -> verifier(stale).verify(account, SecretValue.of(primary)))
                .isInstanceOfSatisfying(HttpResponseException.class, e ->
                        assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
        verifier(clock).verify(account, SecretValue.of(primary));
    }

    @Test
    @DisplayName("the region comes from the account's ARM location; a template without {region} needs no GET")
    void region() {
        assertThat(keys.region(account)).isEqualTo("northeurope");
        sandbox.arm.clearCalls();

        assertThatThrownBy(() -> new SharedKeyBatchVerifier(sandbox.batch.baseUrl() + "/westeurope/{account}",
                ignored -> { throw new AssertionError("no GET without {region}"); }, HttpClient.createDefault(), clock)
                .verify(account, SecretValue.of(sandbox.batch.keys(ACCOUNT).get("Primary").value())))
                .isInstanceOfSatisfying(HttpResponseException.class, e ->
                        assertThat(e.getResponse().getStatusCode()).as("the account is not in westeurope")
                                .isEqualTo(404));
        assertThat(sandbox.arm.calls()).isEmpty();
    }

    @Test
    @DisplayName("ProviderAddress must be a Batch account's resource ID with a valid account name")
    void parsesOnlyBatchAccounts() {
        BatchAccountKeys service = new BatchAccountKeys(keys, verifier(clock));

        assertThat(service.parse(ACCOUNT)).get().extracting(ArmResourceId::name).isEqualTo("contosorender");
        assertThat(service.parse(ACCOUNT.replace("contosorender", "Contoso-Render"))).isEmpty();
        assertThat(service.parse(ACCOUNT.replace("contosorender", "ab"))).isEmpty();
        assertThat(service.parse(ACCOUNT + "/pools/p1")).isEmpty();
    }

    private SecretVersion version() {
        return new SecretVersion(new SecretRef("kv-dev-render", "BATCH-KEY"), "0123456789abcdef0123456789abcdef",
                true, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)),
                null, Map.of("CredentialType", "BatchAccountKey", "CredentialId", "Primary", "ProviderAddress", ACCOUNT));
    }

    private static ResourceScope scope() {
        return new ResourceScope("kv-dev-render", List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID
                + "/resourceGroups/rg-render"), Set.of());
    }
}
