package io.kvrotator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.api.ApiRequest;
import io.kvrotator.api.ApiResponse;
import io.kvrotator.app.AppContext;
import io.kvrotator.app.Setting;
import io.kvrotator.event.KeyVaultEventHandler;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.sandbox.AzureRoles;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.Principals;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Events for machines through the production composition root: the real {@code EventGridPublisherClient} against
 * the topic stand-in, the outbox as blobs in Azurite, notices to the Teams stand-in.
 */
@SandboxTest(vaults = OutcomeEventsSandboxTest.VAULT)
class OutcomeEventsSandboxTest {

    static final String VAULT = "kv-dev-events";
    private static final String ROTATED = "io.kvrotator.secret.rotated";
    private static final String ACCESS_FINDING = "io.kvrotator.secret.accessFinding";

    private Sandbox sandbox;
    private MutableClock clock;
    private AppContext app;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock, AppContext app) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.app = app;
    }

    @Test
    @DisplayName("a rotation publishes one rotated CloudEvent: bearer token, CloudEvents batch, subject vault/secret,"
            + " data from the new version, no value")
    void rotatedEvent() {
        String key1 = storageSecret("ORDERS-STORAGE-KEY");

        RotationOutcome.Rotated rotated = deliver("ORDERS-STORAGE-KEY");

        JsonNode event = single(ROTATED);
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("source").asText()).isEqualTo("/kv-rotator");
        assertThat(event.path("subject").asText()).isEqualTo(VAULT + "/ORDERS-STORAGE-KEY");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("time").asText()).as("RFC 3339, seconds included, on the whole minute too")
                .startsWith(SandboxTest.START.toString().replace("Z", ""));
        JsonNode data = event.path("data");
        assertThat(data.path("vault").asText()).isEqualTo(VAULT);
        assertThat(data.path("secret").asText()).isEqualTo("ORDERS-STORAGE-KEY");
        assertThat(data.path("newVersion").asText()).isEqualTo(rotated.newVersion());
        assertThat(data.path("previousVersion").asText()).isEqualTo(rotated.previousVersion());
        assertThat(data.path("credentialId").asText()).isEqualTo("key2");
        assertThat(Instant.parse(data.path("expiresOn").asText())).isEqualTo(rotated.expiresOn());
        assertThat(data.path("trigger").asText()).startsWith("event:");
        assertThat(data.path("reason").asText()).isEqualTo("SecretNearExpiry");
        assertThat(event.toString()).doesNotContain(key1, SecretValue.fingerprintOf(key1));
        assertThat(sandbox.credential.requestedScopes()).contains("https://eventgrid.azure.net/.default");
    }

    @Test
    @DisplayName("a revocation publishes rotated for its new version and revoked, with caller and approver")
    void revokedEvent() throws Exception {
        storageSecret("BILLING-STORAGE-KEY");
        Map<String, String> settings = sandbox.appSettings(VAULT);
        settings.put(Setting.PLATFORM_AUTHENTICATION.key(), "True");
        AppContext authenticated = sandbox.appContext(settings);
        ApiResponse requested = authenticated.approvalApi().revoke(new ApiRequest(Map.of("vault", VAULT, "name",
                "BILLING-STORAGE-KEY"), Map.of(), Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header(
                "alice@contoso.com", "5e0c2f6a-1b3d-4c5e-8f70-91a2b3c4d5e6", List.of())),
                "{\"reason\": \"pasted in a ticket\"}"));
        String requestId = new ObjectMapper().readTree(requested.body()).path("requestId").asText();

        ApiResponse response = authenticated.approvalApi().approve(new ApiRequest(Map.of("id", requestId), Map.of(),
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("bob@contoso.com",
                        "9b7c1e44-2f0a-4d6b-8a53-6c1d2e3f4a5b", List.of("KvRotator.Approver"))), null));

        assertThat(response.status()).isEqualTo(200);
        JsonNode revoked = single("io.kvrotator.secret.revoked").path("data");
        assertThat(revoked.path("how").asText()).isEqualTo("rotated");
        assertThat(revoked.path("reason").asText()).isEqualTo("pasted in a ticket");
        assertThat(revoked.path("approvedBy").asText()).isEqualTo("bob@contoso.com");
        assertThat(revoked.path("disabledVersions")).hasSize(1);
        assertThat(single(ROTATED).path("data").path("newVersion").asText())
                .isEqualTo(revoked.path("newVersion").asText());
    }

    @Test
    @DisplayName("a topic outage fails no rotation: the events wait in the outbox, the operators hear once, and the"
            + " sweep sends them with their ids once the topic is back")
    void outageThenSweep(LogCapture logs) {
        storageSecret("ORDERS-STORAGE-KEY");
        storageSecret("BILLING-STORAGE-KEY");
        sandbox.eventGrid.faults(Faults.on(request -> true, Integer.MAX_VALUE,
                new Faults.Injection(0, StandIn.Response.empty(503), false)));

        RotationOutcome.Rotated first = deliver("ORDERS-STORAGE-KEY");
        RotationOutcome.Rotated second = deliver("BILLING-STORAGE-KEY");

        assertThat(sandbox.eventGrid.events()).isEmpty();
        assertThat(outbox()).hasSize(2);
        assertThat(heldNotices()).as("told once per outage").hasSize(1);
        assertThat(logs.lines()).anyMatch(line -> line.contains("event.held type=" + ROTATED));

        sandbox.resetFaults();
        app.expirySweep().run();

        assertThat(sandbox.eventGrid.events(ROTATED)).extracting(e -> e.path("data").path("newVersion").asText())
                .containsExactlyInAnyOrder(first.newVersion(), second.newVersion());
        assertThat(outbox()).isEmpty();
        assertOneIdPerOutcome();
    }

    @Test
    @DisplayName("after an outage, the next publish the topic accepts sends what was held too; a later outage is told"
            + " again")
    void recoveryByTheNextPublish() {
        storageSecret("ORDERS-STORAGE-KEY");
        storageSecret("BILLING-STORAGE-KEY");
        storageSecret("AUDIT-STORAGE-KEY");
        sandbox.eventGrid.faults(Faults.on(request -> true, Integer.MAX_VALUE,
                new Faults.Injection(0, null, true)));
        deliver("ORDERS-STORAGE-KEY");
        sandbox.resetFaults();

        deliver("BILLING-STORAGE-KEY");

        assertThat(sandbox.eventGrid.events(ROTATED)).hasSize(2);
        assertThat(outbox()).isEmpty();

        sandbox.eventGrid.faults(Faults.on(request -> true, Integer.MAX_VALUE,
                new Faults.Injection(0, StandIn.Response.empty(403), false)));
        deliver("AUDIT-STORAGE-KEY");
        assertThat(heldNotices()).hasSize(2);
    }

    @Test
    @DisplayName("an answer lost after the topic took the event makes the SDK send it again with the same id")
    void lostAnswerResendsTheSameId() {
        storageSecret("ORDERS-STORAGE-KEY");
        sandbox.eventGrid.faults(Faults.on(request -> true, 1, Faults.Injection.afterHandlingDropAnswer()));

        deliver("ORDERS-STORAGE-KEY");

        assertThat(sandbox.eventGrid.events(ROTATED)).hasSizeGreaterThanOrEqualTo(2);
        assertOneIdPerOutcome();
    }

    @Test
    @DisplayName("the sweep announces a crossed threshold of a secret once: nearExpiry with threshold and days left")
    void nearExpiry() {
        sandbox.keyVault.seedSecret(VAULT, "PARTNER-API-KEY", "partner-value", Map.of("Owner", "team@contoso.com"),
                clock.instant().minus(Duration.ofDays(300)), clock.instant().plus(Duration.ofDays(10)));

        app.expirySweep().run();
        clock.advance(Duration.ofHours(2));
        app.expirySweep().run();

        JsonNode data = single("io.kvrotator.secret.nearExpiry").path("data");
        assertThat(data.path("secret").asText()).isEqualTo("PARTNER-API-KEY");
        assertThat(data.path("threshold").asText()).isEqualTo("14d");
        assertThat(data.path("daysLeft").asLong()).isEqualTo(10);
        assertThat(data.path("rotatedAutomatically").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("the sweep announces each access review finding with one id a day: accessFinding with its kind, holder"
            + " and policy clause, subject the vault; the same finding the next day is a new event")
    void accessFinding() {
        String standingUser = "a1a1a1a1-0000-4000-8000-000000000001";
        String vaultId = sandbox.authorization.vaults().put(VAULT, true, Map.of("Owner", "security@contoso.com"));
        sandbox.graph.users().put(standingUser, "Sam Standing", "sam@contoso.com", "Member");
        sandbox.authorization.standing(standingUser, "User", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), vaultId);
        Map<String, String> settings = sandbox.appSettings(VAULT);
        settings.putAll(sandbox.accessReviewSettings(VAULT));
        AppContext reviewing = sandbox.appContext(settings);

        reviewing.expirySweep().run();
        clock.advance(Duration.ofHours(2));
        sandbox.appContext(settings).expirySweep().run();

        List<JsonNode> sameDay = sandbox.eventGrid.events(ACCESS_FINDING);
        assertThat(sameDay).as("another worker's sweep the same day sends the same id").isNotEmpty()
                .extracting(e -> e.path("id").asText()).containsOnly(sameDay.get(0).path("id").asText());
        JsonNode event = sameDay.get(0);
        assertThat(event.path("subject").asText()).isEqualTo(VAULT);
        JsonNode data = event.path("data");
        assertThat(data.path("vault").asText()).isEqualTo(VAULT);
        assertThat(data.has("secret")).isFalse();
        assertThat(data.path("kind").asText()).isEqualTo("standing-secret-reader");
        assertThat(data.path("holder").path("principalId").asText()).isEqualTo(standingUser);
        assertThat(data.path("holder").path("principalType").asText()).isEqualTo("user");
        assertThat(data.path("holder").path("role").asText()).isEqualTo("Key Vault Secrets User");
        assertThat(data.path("holder").path("scope").asText()).isEqualTo(vaultId);
        assertThat(data.path("holder").path("access").asText()).isEqualTo("standing");
        assertThat(data.path("clause").asText()).contains("eligible, not standing");
        assertThat(data.path("detail").asText()).contains("Sam Standing", "Make it eligible through PIM");

        clock.advance(Duration.ofDays(1));
        reviewing.expirySweep().run();

        assertThat(sandbox.eventGrid.events(ACCESS_FINDING).stream().map(e -> e.path("id").asText()).distinct())
                .hasSize(2);
    }

    @Test
    @DisplayName("with no topic configured nothing is published, and start-up says so once")
    void off(LogCapture logs) {
        Map<String, String> settings = sandbox.appSettings(VAULT);
        settings.put(Setting.EVENTS_TOPIC_ENDPOINT.key(), "");
        AppContext quiet = sandbox.appContext(settings);
        storageSecret("ORDERS-STORAGE-KEY");
        sandbox.eventGrid.clearCalls();

        KeyVaultEventHandler.Delivery delivery = quiet.keyVaultEvents().handle(nearExpiryEvent("ORDERS-STORAGE-KEY"));

        assertThat(delivery.outcomes()).singleElement().isInstanceOf(RotationOutcome.Rotated.class);
        assertThat(sandbox.eventGrid.calls()).isEmpty();
        assertThat(logs.lines()).filteredOn(line -> line.contains("events.publishing_off")).hasSize(1);
    }

    private void assertOneIdPerOutcome() {
        Map<String, List<String>> ids = sandbox.eventGrid.events().stream().collect(Collectors.groupingBy(
                e -> e.path("type").asText() + " " + e.path("subject").asText() + " "
                        + e.path("data").path("newVersion").asText(),
                Collectors.mapping(e -> e.path("id").asText(), Collectors.toList())));
        assertThat(ids).allSatisfy((outcome, sent) -> assertThat(sent).as(outcome).containsOnly(sent.get(0)));
    }

    private JsonNode single(String type) {
        List<JsonNode> events = sandbox.eventGrid.events(type);
        assertThat(events).as(type).hasSize(1);
        return events.get(0);
    }

    private List<String> outbox() {
        return sandbox.eventsOutbox().listBlobs().stream().map(BlobItem::getName)
                .filter(name -> name.startsWith("held/")).toList();
    }

    private List<String> heldNotices() {
        return sandbox.teams.posted().stream().map(post -> post.text()).filter(text -> text.contains("EVENTS HELD"))
                .toList();
    }

    /** A storage key secret holding key1 of a new account, expiring in 20 days; returns key1. */
    private String storageSecret(String name) {
        String account = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-events/providers/"
                + "Microsoft.Storage/storageAccounts/st" + name.toLowerCase().replaceAll("[^a-z0-9]", "");
        String key1 = sandbox.arm.createAccount(account);
        sandbox.keyVault.seedSecret(VAULT, name, key1, Map.of("CredentialType", "StorageAccountKey", "CredentialId",
                "key1", "ProviderAddress", account), clock.instant().minus(Duration.ofDays(40)),
                clock.instant().plus(Duration.ofDays(20)));
        return key1;
    }

    private RotationOutcome.Rotated deliver(String name) {
        KeyVaultEventHandler.Delivery delivery = app.keyVaultEvents().handle(nearExpiryEvent(name));
        assertThat(delivery.outcomes()).singleElement().isInstanceOf(RotationOutcome.Rotated.class);
        return (RotationOutcome.Rotated) delivery.outcomes().get(0);
    }

    private String nearExpiryEvent(String name) {
        var versions = sandbox.keyVault.versions(VAULT, name);
        var latest = versions.get(versions.size() - 1);
        return KeyVaultEvents.nearExpiry(VAULT, name, latest.version(), latest.expiresOn(), clock.instant());
    }
}
