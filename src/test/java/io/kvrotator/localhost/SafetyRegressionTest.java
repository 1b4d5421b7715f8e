package io.kvrotator.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.Principals;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One regression test per defect the adversarial review found (issue "Safety"), black-box through the local
 * Functions host: the HTTP API and the Event Grid webhook at the URLs Core Tools uses, the real SDK clients behind.
 * Each failed on the main of that review and passes now.
 */
@SandboxTest
class SafetyRegressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-function-key-0123456789";
    private static final Instant NOW = SandboxTest.START;
    private static final String VAULT = "kv-dev-safety";
    private static final String RG = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-team";
    private static final String NEAR_ACCOUNT = RG + "/providers/Microsoft.Storage/storageAccounts/stnear";
    private static final String FAR_ACCOUNT = RG + "/providers/Microsoft.Storage/storageAccounts/stfar";
    private static final String VICTIM_ACCOUNT = RG + "/providers/Microsoft.Storage/storageAccounts/stvictim";
    private static final String OUTSIDE_ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-other-team/providers/Microsoft.Storage/storageAccounts/stoutside";
    private static final String NEAR_APP_ID = "5a1c0de0-7d3e-4c4a-9b1e-2f6a3d9c8e01";
    private static final String FAR_APP_ID = "9e2b7f11-3c5d-4a8e-8f0b-6d1c2e3f4a02";
    private static final String VICTIM_APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String BOB_OBJECT_ID = "9b7c1e44-2f0a-4d6b-8a53-6c1d2e3f4a5b";

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private MutableClock clock;
    private LocalFunctionsHost host;
    private String nearApp;
    private String farApp;
    private String victimApp;
    private PasswordState farLeaked;
    private PasswordState farPipeline;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        this.clock = clock;
        sandbox.keyVault.createVault(VAULT);
        nearApp = sandbox.graph.createApplication("billing-api", NEAR_APP_ID);
        farApp = sandbox.graph.createApplication("partner-api", FAR_APP_ID);
        victimApp = sandbox.graph.createApplication("another-teams-api", VICTIM_APP_ID);
        sandbox.graph.addPassword(victimApp, "theirs", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(300)));
        sandbox.arm.createAccount(VICTIM_ACCOUNT);
        sandbox.arm.createAccount(OUTSIDE_ACCOUNT);
        seedStorage("NEAR-STORAGE-KEY", NEAR_ACCOUNT, 20);
        seedStorage("FAR-STORAGE-KEY", FAR_ACCOUNT, 90);
        PasswordState near = sandbox.graph.addPassword(nearApp, "made in the portal", NOW.minus(Duration.ofDays(527)),
                NOW.plus(Duration.ofDays(20)));
        seedApp("NEAR-APP-SECRET", nearApp, near, 20);
        farLeaked = sandbox.graph.addPassword(farApp, "made in the portal", NOW.minus(Duration.ofDays(100)),
                NOW.plus(Duration.ofDays(90)));
        farPipeline = sandbox.graph.addPassword(farApp, "used by the CI pipeline", NOW.minus(Duration.ofDays(50)),
                NOW.plus(Duration.ofDays(400)));
        seedApp("FAR-APP-SECRET", farApp, farLeaked, 90);
        Map<String, String> settings = new HashMap<>(sandbox.appSettings(VAULT));
        settings.put(Setting.RESOURCE_SCOPES.key(), "{\"" + VAULT + "\": [\"" + RG + "\", \"app:" + nearApp
                + "\", \"app:" + farApp + "\", \"app:" + VICTIM_APP_ID + "\"]}");
        settings.put(Setting.PLATFORM_AUTHENTICATION.key(), "True");
        sandbox.install(settings);
        host = new LocalFunctionsHost(HostedApp.current().functions(), KEY,
                () -> SandboxState.of(sandbox), 0);
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    @DisplayName("1. revoking a storage key 90 days from expiry replaces it, and the leaked key stops working")
    void revokeStorageFarFromExpiry() throws Exception {
        String leaked = fingerprint("FAR-STORAGE-KEY", 0);

        HttpResponse<String> response = revoke("FAR-STORAGE-KEY", "{\"reason\":\"key pasted in a ticket\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("outcome").asText()).isEqualTo("revoked");
        assertThat(body.path("how").asText()).isEqualTo("rotated");
        List<VersionView> versions = sandbox.keyVault.versions(VAULT, "FAR-STORAGE-KEY");
        assertThat(versions).hasSize(2);
        assertThat(keyFingerprints(FAR_ACCOUNT)).as("the account's keys now").doesNotContain(leaked)
                .contains(versions.get(1).fingerprint());
        assertThat(versions.get(0).enabled()).isFalse();
        for (VersionView version : versions) {
            assertThat(version.tags()).containsEntry("RevokedBy", "alice@contoso.com")
                    .containsEntry("ApprovedBy", "bob@contoso.com")
                    .containsEntry("RevocationReason", "key pasted in a ticket").containsKey("RevokedAt");
        }

        HttpResponse<String> again = revoke("FAR-STORAGE-KEY", "{\"reason\":\"key pasted in a ticket\"}");

        assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("already-revoked");
        assertThat(sandbox.keyVault.versions(VAULT, "FAR-STORAGE-KEY")).hasSize(2);
        assertThat(keyFingerprints(FAR_ACCOUNT)).contains(versions.get(1).fingerprint());
    }

    @Test
    @DisplayName("1. revoking an app secret 90 days from expiry removes the leaked password and keeps only the new one")
    void revokeAppSecretFarFromExpiry() throws Exception {
        HttpResponse<String> response = revoke("FAR-APP-SECRET", "{\"reason\":\"secret in a public repo\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("outcome").asText()).isEqualTo("revoked");
        VersionView latest = latest("FAR-APP-SECRET");
        assertThat(sandbox.graph.passwords(farApp)).extracting(PasswordState::keyId)
                .containsExactly(latest.tags().get("CredentialId"));
        assertThat(sandbox.entra.accepts(FAR_APP_ID, farLeaked.value())).as("the leaked password").isFalse();
        assertThat(sandbox.entra.accepts(FAR_APP_ID, farPipeline.value())).as("every other password").isFalse();
        assertThat(sandbox.graph.passwords(farApp).get(0).fingerprint()).isEqualTo(latest.fingerprint());
    }

    @Test
    @DisplayName("2. a Key Vault write applied but unanswered, its retries failing, never leaves a deleted password in"
            + " the latest version")
    void appliedButUnansweredStore() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        sandbox.keyVault.faults((service, request) -> {
            if (request.method().equals("PUT") && puts.incrementAndGet() == 1) {
                return Faults.Injection.afterHandlingDropAnswer();
            }
            return puts.get() >= 1 ? new Faults.Injection(0, StandIn.Response.empty(503).withHeader("Retry-After", "0")
                    .withHeader("retry-after-ms", "10"), false) : Faults.Injection.NONE;
        });
        String event = nearExpiry("NEAR-APP-SECRET");

        HttpResponse<String> first = webhook(event);
        sandbox.resetFaults();
        HttpResponse<String> redelivered = webhook(event);

        assertThat(first.statusCode()).as("Event Grid is asked to deliver again").isEqualTo(500);
        assertThat(redelivered.statusCode()).isEqualTo(200);
        VersionView latest = latest("NEAR-APP-SECRET");
        assertThat(sandbox.keyVault.versions(VAULT, "NEAR-APP-SECRET")).hasSizeGreaterThan(1);
        assertThat(sandbox.graph.passwords(nearApp)).as("the password the latest version holds")
                .anyMatch(p -> p.keyId().equals(latest.tags().get("CredentialId"))
                        && p.fingerprint().equals(latest.fingerprint()));
        assertThat(sandbox.graph.passwordActions()).extracting(GraphStandIn.PasswordAction::action)
                .containsOnly("addPassword");
    }

    @Test
    @DisplayName("3. a secret tagged with another team's storage account is refused; their keys are untouched")
    void anotherTeamsAccount() throws Exception {
        retag("NEAR-STORAGE-KEY", Map.of("ProviderAddress", VICTIM_ACCOUNT));
        var victimKeys = keyFingerprints(VICTIM_ACCOUNT);
        var ownKeys = keyFingerprints(NEAR_ACCOUNT);

        HttpResponse<String> event = webhook(nearExpiry("NEAR-STORAGE-KEY"));
        HttpResponse<String> manual = rotate("NEAR-STORAGE-KEY", "{\"reason\":\"try it by hand\"}", Map.of());

        assertThat(event.statusCode()).as("terminal: completed, not redelivered").isEqualTo(200);
        assertThat(manual.statusCode()).isEqualTo(422);
        assertThat(manual.body()).contains("refused: the secret's value is neither key1 nor key2 of storage account"
                + " stvictim", "nothing was changed");
        assertThat(keyFingerprints(VICTIM_ACCOUNT)).isEqualTo(victimKeys);
        assertThat(keyFingerprints(NEAR_ACCOUNT)).isEqualTo(ownKeys);
        assertThat(sandbox.keyVault.versions(VAULT, "NEAR-STORAGE-KEY")).hasSize(1);
        assertThat(sandbox.teams.posted()).anyMatch(card -> card.text().contains("NEAR-STORAGE-KEY")
                && card.text().contains("neither key1 nor key2"));
    }

    @Test
    @DisplayName("3. a secret tagged with another team's app registration, or a resource outside the vault's scope,"
            + " is refused")
    void anotherTeamsAppAndOutOfScope() throws Exception {
        retag("NEAR-APP-SECRET", Map.of("ProviderAddress", VICTIM_APP_ID));
        retag("NEAR-STORAGE-KEY", Map.of("ProviderAddress", OUTSIDE_ACCOUNT));
        var victimPasswords = sandbox.graph.passwords(victimApp);
        var outsideKeys = keyFingerprints(OUTSIDE_ACCOUNT);

        HttpResponse<String> app = rotate("NEAR-APP-SECRET", "{\"reason\":\"by hand\"}", Map.of());
        HttpResponse<String> storage = rotate("NEAR-STORAGE-KEY", "{\"reason\":\"by hand\"}", Map.of());

        assertThat(app.statusCode()).isEqualTo(422);
        assertThat(app.body()).contains("refused: the secret's value matches none of its passwords");
        assertThat(storage.statusCode()).isEqualTo(422);
        assertThat(storage.body()).contains("outside the resource scope of vault " + VAULT);
        assertThat(sandbox.graph.passwords(victimApp)).isEqualTo(victimPasswords);
        assertThat(sandbox.graph.passwordActions()).isEmpty();
        assertThat(keyFingerprints(OUTSIDE_ACCOUNT)).isEqualTo(outsideKeys);
        assertThat(sandbox.arm.calls()).noneMatch(call -> call.path().contains("stoutside"));
    }

    @Test
    @DisplayName("3. a secret holding key1 but tagged key2 regenerates key2, never the key in use")
    void lyingCredentialId() throws Exception {
        retag("NEAR-STORAGE-KEY", Map.of("CredentialId", "key2"));
        String inUse = fingerprint("NEAR-STORAGE-KEY", 0);

        HttpResponse<String> response = webhook(nearExpiry("NEAR-STORAGE-KEY"));

        assertThat(response.statusCode()).isEqualTo(200);
        VersionView latest = latest("NEAR-STORAGE-KEY");
        assertThat(latest.tags()).containsEntry("CredentialId", "key2");
        assertThat(keyFingerprints(NEAR_ACCOUNT)).as("key1, in use, and the new key2").contains(inUse, latest.fingerprint());
        assertThat(sandbox.arm.key(NEAR_ACCOUNT, "key1").orElseThrow().fingerprint()).isEqualTo(inUse);
    }

    @Test
    @DisplayName("5. a second manual rotation a minute later is 409 with when it may run; Idempotency-Key replays")
    void cadence() throws Exception {
        Map<String, String> first = Map.of("Idempotency-Key", "change-4711");

        HttpResponse<String> rotated = rotate("FAR-STORAGE-KEY", "{\"reason\":\"quarterly\"}", first);
        HttpResponse<String> replayed = rotate("FAR-STORAGE-KEY", "{\"reason\":\"quarterly\"}", first);
        HttpResponse<String> reused = rotate("FAR-STORAGE-KEY", "{\"reason\":\"another change\"}", first);
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> tooSoon = rotate("FAR-STORAGE-KEY", "{\"reason\":\"the client retried\"}",
                Map.of("Idempotency-Key", "change-4712"));

        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(rotated.body());
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(tooSoon.statusCode()).isEqualTo(409);
        assertThat(tooSoon.body()).contains("Rotated too recently", "may be rotated from 2026-11-23T07:01:00Z");
        assertThat(tooSoon.headers().firstValue("Retry-After")).hasValue(Long.toString(Duration.ofHours(24)
                .minusMinutes(1).toSeconds()));
        assertThat(sandbox.keyVault.versions(VAULT, "FAR-STORAGE-KEY")).hasSize(2);
    }

    @Test
    @DisplayName("5. a validity no longer than the near-expiry window is refused, instead of rotating every day")
    void validityInsideTheWindow() throws Exception {
        retag("NEAR-STORAGE-KEY", Map.of("ValidityPeriodDays", "30"));

        HttpResponse<String> response = webhook(nearExpiry("NEAR-STORAGE-KEY"));

        assertThat(response.statusCode()).as("terminal: completed").isEqualTo(200);
        assertThat(sandbox.keyVault.versions(VAULT, "NEAR-STORAGE-KEY")).hasSize(1);
        assertThat(sandbox.arm.calls()).noneMatch(call -> call.path().endsWith("/regenerateKey"));
        assertThat(sandbox.teams.posted()).anyMatch(card -> card.text().contains("not comfortably longer than the"
                + " near-expiry window of 30 days"));
    }

    @Test
    @DisplayName("an app without a service principal fails terminally, once, before any password is added")
    void noServicePrincipal() throws Exception {
        sandbox.entra.withoutServicePrincipal(NEAR_APP_ID);
        String event = nearExpiry("NEAR-APP-SECRET");

        HttpResponse<String> response = webhook(event);
        HttpResponse<String> again = webhook(event);

        assertThat(response.statusCode()).as("terminal: completed, not redelivered for 24 hours").isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(sandbox.graph.passwordActions()).isEmpty();
        assertThat(sandbox.teams.posted()).filteredOn(card -> card.text().contains("has no service principal"))
                .hasSize(1);
    }

    @Test
    @DisplayName("a version expiring 30 days and 2 minutes from now counts as near expiry (5 minutes of clock skew)")
    void clockSkew() throws Exception {
        String version = sandbox.keyVault.seedSecret(VAULT, "SKEWED-STORAGE-KEY",
                sandbox.arm.key(FAR_ACCOUNT, "key1").orElseThrow().value(), Map.of("CredentialType", "StorageAccountKey",
                        "ProviderAddress", FAR_ACCOUNT), NOW.minus(Duration.ofDays(40)),
                clock.instant().plus(Duration.ofDays(30)).plus(Duration.ofMinutes(2)));

        HttpResponse<String> response = webhook(KeyVaultEvents.nearExpiry(VAULT, "SKEWED-STORAGE-KEY", version,
                clock.instant().plus(Duration.ofDays(30)), clock.instant()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.keyVault.versions(VAULT, "SKEWED-STORAGE-KEY")).hasSize(2);
    }

    private void seedStorage(String name, String account, int expiresInDays) {
        String key1 = sandbox.arm.createAccount(account);
        sandbox.keyVault.seedSecret(VAULT, name, key1, Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1",
                "ProviderAddress", account, "Owner", "team@contoso.com"), NOW.minus(Duration.ofDays(40)),
                NOW.plus(Duration.ofDays(expiresInDays)));
    }

    private void seedApp(String name, String objectId, PasswordState password, int expiresInDays) {
        sandbox.keyVault.seedSecret(VAULT, name, password.value(), Map.of("CredentialType", "AppRegistrationSecret",
                "CredentialId", password.keyId(), "ProviderAddress", objectId, "Owner", "team@contoso.com"),
                NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(expiresInDays)));
    }

    private void retag(String name, Map<String, String> changes) {
        Map<String, String> tags = new HashMap<>(latest(name).tags());
        tags.putAll(changes);
        sandbox.keyVault.retag(VAULT, name, tags);
    }

    private VersionView latest(String name) {
        List<VersionView> versions = sandbox.keyVault.versions(VAULT, name);
        return versions.get(versions.size() - 1);
    }

    private String fingerprint(String name, int version) {
        return sandbox.keyVault.versions(VAULT, name).get(version).fingerprint();
    }

    private List<String> keyFingerprints(String account) {
        return List.of(sandbox.arm.key(account, "key1").orElseThrow().fingerprint(),
                sandbox.arm.key(account, "key2").orElseThrow().fingerprint());
    }

    private String nearExpiry(String name) {
        VersionView latest = latest(name);
        return KeyVaultEvents.nearExpiry(VAULT, name, latest.version(), latest.expiresOn(), clock.instant());
    }

    private HttpResponse<String> rotate(String name, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post("/api/secrets/" + VAULT + "/" + name + "/rotate", body, headers);
    }

    /** Alice asks for the revocation and Bob, an approver, approves it (the two-person rule): Bob's answer. */
    private HttpResponse<String> revoke(String name, String body) throws IOException, InterruptedException {
        HttpResponse<String> requested = post("/api/secrets/" + VAULT + "/" + name + "/revoke", body, Map.of());
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String id = JSON.readTree(requested.body()).path("requestId").asText();
        return post("/api/revocations/" + id + "/approve", "", Map.of("X-MS-CLIENT-PRINCIPAL",
                Principals.header("bob@contoso.com", BOB_OBJECT_ID, List.of("KvRotator.Approver"))));
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("x-functions-key", KEY)
                .header("X-MS-CLIENT-PRINCIPAL", Principals.header("alice@contoso.com", List.of()));
        headers.forEach(request::setHeader);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> webhook(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(host.baseUrl()
                        + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry")).header("aeg-event-type", "Notification")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
