package io.kvrotator.provider.appregistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.SdkErrors;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.graph.GraphClients;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.GraphStandIn;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.support.Retry;
import io.kvrotator.testing.JsonShape;
import io.kvrotator.testing.SharedContracts;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provider through the real Graph SDK and azure-identity, against the Graph and Entra token stand-ins. */
@SandboxTest
class AppRegistrationSecretProviderTest {

    private static final Instant NOW = SandboxTest.START;

    private static final String APP_ID = "631a96bc-a705-4eda-9f99-fdaf9f54f6a2";
    private static final SecretRef SECRET = new SecretRef("kv-dev-payments", "PAYMENTS-API-CLIENT-SECRET");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private MutableClock clock;
    private AppRegistrationSecretProvider provider;
    private String objectId;
    private PasswordState live;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) {
        this.sandbox = sandbox;
        this.clock = clock;
        objectId = sandbox.graph.createApplication("payments-api", APP_ID);
        live = sandbox.graph.addPassword(objectId, "made in the portal", NOW.minus(Duration.ofDays(527)),
                NOW.plus(Duration.ofDays(20)));
        provider = provider(new EntraClientSecretVerifier(sandbox.entra.baseUrl(), Sandbox.TENANT_ID,
                GraphClients.defaultScope(sandbox.graph.graphBaseUrl()), HttpClient.createDefault()));
    }

    private AppRegistrationSecretProvider provider(ClientSecretVerifier verifier) {
        return new AppRegistrationSecretProvider(
                new GraphAppPasswords(() -> GraphClients.create(sandbox.graph.graphBaseUrl(), sandbox.credential,
                        Duration.ofSeconds(30))),
                verifier, new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), duration -> { }),
                Period.ofMonths(18), new PasswordRetirement(Duration.ofDays(7)), clock);
    }

    private SecretVersion liveVersion() {
        return version(Map.of("CredentialType", "AppRegistrationSecret", "ProviderAddress", objectId,
                "CredentialId", live.keyId()));
    }

    private SecretValue liveValue() {
        return SecretValue.of(live.value());
    }

    private ResourceScope scope() {
        return new ResourceScope(SECRET.vault(), List.of(), Set.of(objectId));
    }

    private boolean liveCredentialWorks() {
        return sandbox.entra.accepts(APP_ID, live.value());
    }

    @Test
    @DisplayName("the default lifetime is 18 calendar months")
    void eighteenMonths() {
        assertThat(provider.defaultValidity()).isEqualTo(Period.ofMonths(18));
    }

    @Test
    @DisplayName("a new password says kv-rotator made it, for which secret and when, and ends when the core asks")
    void issuesALabelledPassword() {
        Instant end = NOW.plus(Duration.ofDays(90));

        IssuedCredential issued = provider.issue(provider.plan(liveVersion(), liveValue(), scope()), end);

        assertThat(sandbox.graph.passwords(objectId)).hasSize(2).filteredOn(p -> p.keyId().equals(issued.credentialId()))
                .singleElement().satisfies(password -> {
                    assertThat(password.displayName())
                            .isEqualTo("kv-rotator:kv-dev-payments/PAYMENTS-API-CLIENT-SECRET 2026-11-22T07:00:00Z");
                    assertThat(password.endDateTime()).isEqualTo(end);
                    assertThat(password.fingerprint()).isEqualTo(issued.value().fingerprint());
                });
        assertThat(issued.expiresOn()).as("the password's own end date").isEqualTo(end);
    }

    @Test
    @DisplayName("a ProviderAddress holding the appId instead of the object ID finds the application too")
    void acceptsAnAppId() {
        SecretVersion byAppId = version(Map.of("ProviderAddress", APP_ID.toUpperCase(), "CredentialId", live.keyId()));

        IssuedCredential issued = provider.issue(provider.plan(byAppId, liveValue(), scope()), NOW.plus(Duration.ofDays(90)));
        provider.verify(provider.plan(byAppId, liveValue(), scope()), issued);

        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::keyId).contains(issued.credentialId());
        assertThat(sandbox.graph.calls()).extracting(StandIn.Call::path)
                .contains("/v1.0/applications(appId='" + APP_ID + "')");
    }

    @Test
    @DisplayName("a ProviderAddress or CredentialId that is not a GUID is terminal, before anything changes")
    void malformedTags() {
        assertThatThrownBy(() -> provider.plan(version(Map.of("ProviderAddress", "payments-api")), liveValue(), scope()))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                    assertThat(e.failure().message()).contains("ProviderAddress must be the app registration's object ID");
                });
        assertThatThrownBy(() -> provider.plan(version(Map.of("ProviderAddress", objectId, "CredentialId", "key1")), liveValue(), scope()))
                .isInstanceOfSatisfying(RotationException.class, e ->
                        assertThat(e.failure().message()).contains("CredentialId must be the keyId"));
        assertThat(sandbox.graph.calls()).isEmpty();
    }

    @Test
    @DisplayName("without a configured tenant, planning fails terminally and says which setting to set")
    void unconfiguredTenant() {
        AppRegistrationSecretProvider unconfigured = provider(ClientSecretVerifier.unavailable(
                "ROTATOR_ENTRA_TENANT_ID is not set"));

        assertThatThrownBy(() -> unconfigured.plan(liveVersion(), liveValue(), scope())).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
            assertThat(e.failure().message()).contains("ROTATOR_ENTRA_TENANT_ID is not set");
        });
    }

    @Test
    @DisplayName("verification acquires a client-credentials token for the app in the configured tenant")
    void verifiesWithAToken() {
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(90)));
        sandbox.entra.clearCalls();

        provider.verify(plan, issued);

        assertThat(sandbox.entra.tokenRequests()).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/" + Sandbox.TENANT_ID + "/oauth2/v2.0/token");
            assertThat(call.status()).isEqualTo(200);
        });
    }

    @Test
    @DisplayName("verification waits for Entra to propagate a new password, each attempt a real token request")
    void waitsForPropagation() {
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());
        sandbox.entra.propagationAttempts(2);
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(90)));
        sandbox.entra.clearCalls();

        provider.verify(plan, issued);

        assertThat(sandbox.entra.tokenRequests()).extracting(StandIn.Call::status).containsExactly(401, 401, 200);
    }

    @Test
    @DisplayName("a password Entra keeps refusing fails verification retryably after the bounded attempts")
    void verificationGivesUp() {
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(90)));
        sandbox.entra.refuseNewPasswords(true);
        sandbox.entra.clearCalls();

        assertThatThrownBy(() -> provider.verify(plan, issued)).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
            assertThat(e.failure().message()).contains("still failing after 3 attempts", "AADSTS7000215");
        });
        assertThat(sandbox.entra.tokenRequests()).hasSize(3).allSatisfy(call -> assertThat(call.status()).isEqualTo(401));
    }

    @Test
    @DisplayName("discard removes the new password and nothing else")
    void discardRemovesTheNewPassword() {
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(90)));

        provider.discard(plan, issued);

        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::keyId).containsExactly(live.keyId());
        assertThat(liveCredentialWorks()).isTrue();
    }

    @Test
    @DisplayName("credentials lists every password by display name and hint, a pipeline's too; invalidating with none"
            + " kept removes them all, the one in use last")
    void listsAndRemovesEveryPassword() {
        PasswordState pipeline = sandbox.graph.addPassword(objectId, "used by the CI pipeline",
                NOW.minus(Duration.ofDays(50)), NOW.plus(Duration.ofDays(400)));
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());

        List<ProviderCredential> credentials = provider.credentials(plan);
        provider.invalidateAllBut(plan, null);

        assertThat(credentials).extracting(ProviderCredential::id).containsExactlyInAnyOrder(live.keyId(),
                pipeline.keyId());
        assertThat(credentials).filteredOn(c -> c.id().equals(pipeline.keyId())).singleElement()
                .extracting(ProviderCredential::description).asString()
                .contains("\"used by the CI pipeline\"", "hint " + pipeline.hint() + "…", objectId)
                .doesNotContain(pipeline.value());
        assertThat(sandbox.graph.passwords(objectId)).isEmpty();
        assertThat(sandbox.graph.passwordActions()).extracting(action -> action.body().path("keyId").asText())
                .containsExactly(pipeline.keyId(), live.keyId());
    }

    @Test
    @DisplayName("retire keeps the password the previous version holds, the new one, and passwords others made")
    void retireDuringTheOverlap() {
        sandbox.graph.addPassword(objectId, "CI pipeline", NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(300)));
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(547)));

        provider.retire(plan, issued, NOW);

        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::displayName)
                .containsExactlyInAnyOrder("made in the portal", "CI pipeline", PasswordLabel.of(SECRET, NOW));
    }

    @Test
    @DisplayName("retire removes kv-rotator passwords for the secret superseded longer than the overlap ago")
    void retireAfterTheOverlap() {
        // Version L (holding P1) was created 30 days ago and superseded P0; this rotation supersedes L.
        PasswordState p0 = sandbox.graph.addPassword(objectId, PasswordLabel.of(SECRET, NOW.minus(Duration.ofDays(60))),
                NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(480)));
        PasswordState p1 = sandbox.graph.addPassword(objectId, PasswordLabel.of(SECRET, NOW.minus(Duration.ofDays(30))),
                NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(20)));
        PasswordState otherSecret = sandbox.graph.addPassword(objectId,
                PasswordLabel.of(new SecretRef("kv-prd-payments", "PAYMENTS-API-CLIENT-SECRET"), NOW.minus(Duration.ofDays(90))),
                NOW.minus(Duration.ofDays(90)), NOW.plus(Duration.ofDays(400)));
        SecretVersion latest = new SecretVersion(SECRET, "1".repeat(32), true, NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(20)), null,
                Map.of("ProviderAddress", objectId, "CredentialId", p1.keyId()));
        AppSecretPlan plan = provider.plan(latest, SecretValue.of(p1.value()), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(547)));

        provider.retire(plan, issued, NOW);

        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::keyId)
                .containsExactlyInAnyOrder(live.keyId(), p1.keyId(), otherSecret.keyId(), issued.credentialId())
                .doesNotContain(p0.keyId());
    }

    @Test
    @DisplayName("one rotation reads the application once: verify and retire use what issue read")
    void readsTheApplicationOnce() {
        PasswordState overdue = sandbox.graph.addPassword(objectId, PasswordLabel.of(SECRET, NOW.minus(Duration.ofDays(600))),
                NOW.minus(Duration.ofDays(600)), NOW.minus(Duration.ofDays(50)));
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());

        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(547)));
        provider.verify(plan, issued);
        provider.retire(plan, issued, NOW);

        assertThat(sandbox.graph.calls()).filteredOn(call -> call.method().equals("GET")).hasSize(1);
        assertThat(sandbox.graph.passwordActions()).extracting(GraphStandIn.PasswordAction::action)
                .containsExactly("addPassword", "removePassword");
        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::keyId)
                .containsExactlyInAnyOrder(live.keyId(), issued.credentialId()).doesNotContain(overdue.keyId());
    }

    @Test
    @DisplayName("retireOverdue waits out the overlap, then removes the superseded password but never the latest's")
    void retireOverdueForTheSweep() {
        PasswordState previous = sandbox.graph.addPassword(objectId, PasswordLabel.of(SECRET, NOW),
                NOW, NOW.plus(Duration.ofDays(547)));
        clock.advance(Duration.ofDays(200));
        PasswordState current = sandbox.graph.addPassword(objectId, PasswordLabel.of(SECRET, clock.instant()),
                clock.instant(), clock.instant().plus(Duration.ofDays(547)));
        SecretVersion latest = new SecretVersion(SECRET, "2".repeat(32), true, clock.instant(), clock.instant(),
                current.endDateTime(), null, Map.of("ProviderAddress", objectId, "CredentialId", current.keyId()));

        AppSecretPlan plan = provider.plan(latest, SecretValue.of(current.value()), scope());

        List<String> duringOverlap = provider.retireOverdue(plan, clock.instant().plus(Duration.ofDays(6)));
        List<String> afterOverlap = provider.retireOverdue(plan, clock.instant().plus(Duration.ofDays(7)));

        assertThat(duringOverlap).isEmpty();
        assertThat(afterOverlap).containsExactly(previous.keyId());
        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::keyId)
                .containsExactlyInAnyOrder(live.keyId(), current.keyId());
    }

    @Test
    @DisplayName("retireOverdue never removes the password the value proves in use, even when CredentialId names another")
    void retireOverdueFollowsTheProof() {
        PasswordState labelled = sandbox.graph.addPassword(objectId, PasswordLabel.of(SECRET, NOW.minus(Duration.ofDays(600))),
                NOW.minus(Duration.ofDays(600)), NOW.plus(Duration.ofDays(20)));
        SecretVersion lying = new SecretVersion(SECRET, "3".repeat(32), true, NOW.minus(Duration.ofDays(100)),
                NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(20)), null,
                Map.of("ProviderAddress", objectId, "CredentialId", live.keyId()));

        AppSecretPlan plan = provider.plan(lying, SecretValue.of(labelled.value()), scope());

        assertThat(plan.currentCredentialId()).isEqualTo(labelled.keyId());
        assertThat(provider.retireOverdue(plan, NOW.plus(Duration.ofDays(400)))).isEmpty();
        assertThat(sandbox.graph.passwords(objectId)).hasSize(2);
    }

    @Test
    @DisplayName("an application that does not exist is a terminal failure naming Graph's error")
    void unknownApplication() {
        SecretVersion missing = version(Map.of("ProviderAddress", "00000000-0000-4000-8000-000000000404"));

        assertThatThrownBy(() -> provider.issue(provider.plan(missing, liveValue(), scope()), NOW.plus(Duration.ofDays(90))))
                .satisfies(e -> assertThat(SdkErrors.classify(Step.ROTATE, e)).isInstanceOfSatisfying(
                        Failure.Terminal.class, failure -> assertThat(failure.message())
                                .contains("status=404", "Request_ResourceNotFound")));
    }

    @Test
    @DisplayName("Graph throttling that outlasts the SDK's own retries is a retryable failure")
    void throttlingIsRetryable() {
        var body = JSON.createObjectNode();
        body.putObject("error").put("code", "TooManyRequests").put("message", "Too many requests");
        sandbox.graph.faults(Faults.failing(request -> true, 100, StandIn.Response.json(429, body)
                .withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> provider.issue(provider.plan(liveVersion(), liveValue(), scope()), NOW.plus(Duration.ofDays(90))))
                .satisfies(e -> assertThat(SdkErrors.classify(Step.ROTATE, e)).isInstanceOfSatisfying(
                        Failure.Retryable.class, failure -> assertThat(failure.message()).contains("status=429")));
    }

    @Test
    @DisplayName("the SDK sends addPassword and removePassword bodies in the shape of the official requests")
    void requestBodiesMatchTheOfficialSamples() throws Exception {
        AppSecretPlan plan = provider.plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(90)));
        provider.discard(plan, issued);

        assertThat(sandbox.graph.passwordActions()).extracting(GraphStandIn.PasswordAction::action)
                .containsExactly("addPassword", "removePassword");
        assertThat(JsonShape.differences(JSON.readTree(SharedContracts.read("graph-addPassword-request.json")),
                sandbox.graph.passwordActions().get(0).body())).isEmpty();
        assertThat(JsonShape.differences(JSON.readTree(SharedContracts.read("graph-removePassword-request.json")),
                sandbox.graph.passwordActions().get(1).body())).isEmpty();
        assertThat(sandbox.graph.passwordActions().get(1).body().path("keyId").asText()).isEqualTo(issued.credentialId());
    }

    private SecretVersion version(Map<String, String> tags) {
        return new SecretVersion(SECRET, "0".repeat(32), true, NOW.minus(Duration.ofDays(527)),
                NOW.minus(Duration.ofDays(527)), NOW.plus(Duration.ofDays(20)), null, new HashMap<>(tags));
    }
}
