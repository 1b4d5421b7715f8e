package io.kvrotator.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import io.kvrotator.app.AppContext;
import io.kvrotator.event.ReplaySummary.Why;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dead letters replayed from Azurite through the real blob SDK into the production event handler, rotating against
 * the sandbox stand-ins.
 */
@SandboxTest(vaults = DeadLetterReplayTest.VAULT)
class DeadLetterReplayTest {

    static final String VAULT = "kv-dev-payments";
    private static final Instant NOW = SandboxTest.START;
    private static final String SECRET = "PAYMENTS-STORAGE-KEY";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-payments/providers/Microsoft.Storage/storageAccounts/stpaymentsdev";
    private static final ReplaySelection EVERYTHING = new ReplaySelection(null, null, ReplaySelection.DEFAULT_MAX, false);
    private static final ReplaySelection DRY_RUN = new ReplaySelection(null, null, ReplaySelection.DEFAULT_MAX, true);

    private Sandbox sandbox;
    private LogCapture logs;
    private BlobContainerClient deadLetters;
    private DeadLetterReplay replay;
    private String key1;
    private String version;
    private Instant expiry;

    @BeforeEach
    void seedAStorageKeyNearExpiry(Sandbox sandbox, MutableClock clock, LogCapture logs, AppContext context) {
        this.sandbox = sandbox;
        this.logs = logs;
        key1 = sandbox.arm.createAccount(ACCOUNT);
        expiry = NOW.plus(Duration.ofDays(20));
        version = seed(SECRET, Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1",
                "ProviderAddress", ACCOUNT, "Owner", "payments-team@contoso.com"));
        clock.advance(Duration.ofMinutes(1));
        deadLetters = sandbox.deadLetterContainer();
        replay = new DeadLetterReplay(new BlobDeadLetterStore(() -> deadLetters), context.keyVaultEvents(), clock);
    }

    @Test
    @DisplayName("a dead-lettered near-expiry event rotates the secret once and its blob is deleted; replaying again does nothing")
    void replayRotatesOnceThenNothing() {
        String eventId = UUID.randomUUID().toString();
        String blob = deadLetter(KeyVaultEvents.deadLettered(nearExpiry(eventId)));

        ReplaySummary first = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(first.left()).isEmpty();
        assertThat(first.replayed()).singleElement().satisfies(replayed -> {
            assertThat(replayed.deadLetter()).isEqualTo(blob);
            assertThat(replayed.deadLetterReason())
                    .isEqualTo("MaxDeliveryAttemptsExceeded after 30 delivery attempts, last outcome TimedOut");
            assertThat(replayed.events()).singleElement().satisfies(event -> {
                assertThat(event.eventId()).isEqualTo(eventId);
                assertThat(event.outcome()).isEqualTo("rotated");
                assertThat(event.detail()).isEqualTo("new version " + latestVersion());
            });
        });
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2).last()
                .satisfies(rotated -> assertThat(rotated.tags()).containsEntry("RotatedBy", "event:" + eventId)
                        .containsEntry("PreviousVersion", version));
        assertThat(blobs()).isEmpty();
        assertThat(logs.linesContaining("deadletter.replay requestedBy=ops@contoso.com dryRun=false replayed=1 left=0"))
                .hasSize(1);

        ReplaySummary second = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(second).isEqualTo(new ReplaySummary(false, List.of(), List.of(), 0, 0));
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(regenerateCalls()).isEqualTo(1);
        assertThat(IssuedSecrets.foundIn(first + "\n" + logs.all())).as("secret values").isEmpty();
    }

    @Test
    @DisplayName("the same event dead-lettered twice rotates once; both blobs are deleted")
    void duplicateDeadLettersRotateOnce() {
        String event = nearExpiry(UUID.randomUUID().toString());
        deadLetter(KeyVaultEvents.deadLettered(event));
        deadLetter(KeyVaultEvents.deadLettered(event));

        ReplaySummary summary = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(summary.replayed()).flatExtracting(ReplaySummary.Replayed::events)
                .extracting(ReplaySummary.ReplayedEvent::outcome).containsExactly("rotated", "skipped");
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(regenerateCalls()).isEqualTo(1);
        assertThat(blobs()).isEmpty();
    }

    @Test
    @DisplayName("a malformed dead letter and one for a vault outside the allow-list stay, each with why; a good one beside them is replayed")
    void rejectedEventsStay() {
        String truncated = deadLetter("[{\"id\": \"x\", \"eventType\": ");
        String foreign = deadLetter(KeyVaultEvents.deadLettered(KeyVaultEvents.nearExpiry("kv-prod-payments", SECRET,
                version, expiry, NOW)));
        deadLetter(KeyVaultEvents.deadLettered(nearExpiry(UUID.randomUUID().toString())));

        ReplaySummary summary = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(summary.replayed()).hasSize(1);
        assertThat(summary.left()).extracting(ReplaySummary.Left::deadLetter).containsExactlyInAnyOrder(truncated, foreign);
        assertThat(summary.left()).allSatisfy(left -> assertThat(left.why()).isEqualTo(Why.REJECTED_EVENT));
        assertThat(summary.left()).filteredOn(left -> left.deadLetter().equals(truncated)).singleElement()
                .satisfies(left -> assertThat(left.reason()).contains("not valid JSON"));
        assertThat(summary.left()).filteredOn(left -> left.deadLetter().equals(foreign)).singleElement()
                .satisfies(left -> assertThat(left.reason()).contains("not in the allow-list"));
        assertThat(blobs()).containsExactlyInAnyOrder(truncated, foreign);
        assertThat(logs.linesContaining("deadletter.left")).hasSize(2);
    }

    @Test
    @DisplayName("a dry run lists what would be replayed and what would stay, and changes and calls nothing")
    void dryRunChangesNothing() {
        String eventId = UUID.randomUUID().toString();
        String good = deadLetter(KeyVaultEvents.deadLettered(nearExpiry(eventId)));
        String truncated = deadLetter("[{\"id\": \"x\"");
        sandbox.keyVault.clearCalls();

        ReplaySummary summary = replay.replay(DRY_RUN, "ops@contoso.com");

        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.replayed()).singleElement().satisfies(wouldReplay -> {
            assertThat(wouldReplay.deadLetter()).isEqualTo(good);
            assertThat(wouldReplay.events()).singleElement().isEqualTo(new ReplaySummary.ReplayedEvent(eventId,
                    "SecretNearExpiry", VAULT, SECRET, version, null, null));
        });
        assertThat(summary.left()).singleElement().extracting(ReplaySummary.Left::deadLetter).isEqualTo(truncated);
        assertThat(blobs()).containsExactlyInAnyOrder(good, truncated);
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(1);
        assertThat(sandbox.keyVault.calls()).isEmpty();
        assertThat(sandbox.arm.calls()).isEmpty();
    }

    @Test
    @DisplayName("a replay whose rotation fails retryably leaves the blob; the next replay, after recovery, rotates and deletes it")
    void retryableFailureLeavesTheBlob() {
        String blob = deadLetter(KeyVaultEvents.deadLettered(nearExpiry(UUID.randomUUID().toString())));
        sandbox.arm.faults(Faults.failing(request -> true, 1000, StandIn.Response.json(503,
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("error", "busy"))
                .withHeader("Retry-After", "0")));

        ReplaySummary failed = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(failed.replayed()).isEmpty();
        assertThat(failed.left()).singleElement().satisfies(left -> {
            assertThat(left.deadLetter()).isEqualTo(blob);
            assertThat(left.why()).isEqualTo(Why.RETRYABLE_FAILURE);
            assertThat(left.reason()).contains(VAULT + "/" + SECRET, "status=503");
        });
        assertThat(blobs()).containsExactly(blob);
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(1);
        assertThat(sandbox.arm.accepts("stpaymentsdev", key1)).isTrue();

        sandbox.resetFaults();
        ReplaySummary recovered = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(recovered.replayed()).singleElement().satisfies(replayed -> assertThat(replayed.events())
                .extracting(ReplaySummary.ReplayedEvent::outcome).containsExactly("rotated"));
        assertThat(blobs()).isEmpty();
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
    }

    @Test
    @DisplayName("a replay whose rotation fails terminally (tags naming no resource) leaves the blob and says why")
    void terminalFailureLeavesTheBlob() {
        String broken = seed("ORDERS-BROKEN-KEY", Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1"));
        String blob = deadLetter(KeyVaultEvents.deadLettered(KeyVaultEvents.nearExpiry(VAULT, "ORDERS-BROKEN-KEY",
                broken, expiry, NOW)));

        ReplaySummary summary = replay.replay(EVERYTHING, "ops@contoso.com");

        assertThat(summary.left()).singleElement().satisfies(left -> {
            assertThat(left.deadLetter()).isEqualTo(blob);
            assertThat(left.why()).isEqualTo(Why.TERMINAL_FAILURE);
            assertThat(left.reason()).contains(VAULT + "/ORDERS-BROKEN-KEY: step", "ProviderAddress is missing");
        });
        assertThat(blobs()).containsExactly(blob);
        assertThat(sandbox.arm.calls()).isEmpty();
    }

    @Test
    @DisplayName("at most max dead letters are taken on, the rest counted as remaining; outside the time window they are skipped")
    void maxAndTimeWindow() {
        String event = nearExpiry(UUID.randomUUID().toString());
        for (int copy = 0; copy < 3; copy++) {
            deadLetter(KeyVaultEvents.deadLettered(event));
        }
        Instant wallClock = Instant.now();

        ReplaySummary future = replay.replay(new ReplaySelection(wallClock.plus(Duration.ofHours(1)), null, 10, false),
                "ops@contoso.com");
        ReplaySummary past = replay.replay(new ReplaySelection(null, wallClock.minus(Duration.ofHours(1)), 10, false),
                "ops@contoso.com");
        ReplaySummary firstTwo = replay.replay(new ReplaySelection(wallClock.minus(Duration.ofHours(1)),
                wallClock.plus(Duration.ofHours(1)), 2, false), "ops@contoso.com");

        assertThat(future).isEqualTo(new ReplaySummary(false, List.of(), List.of(), 3, 0));
        assertThat(past).isEqualTo(new ReplaySummary(false, List.of(), List.of(), 3, 0));
        assertThat(firstTwo.replayed()).hasSize(2);
        assertThat(firstTwo.remaining()).isEqualTo(1);
        assertThat(blobs()).hasSize(1);
        assertThat(replay.replay(EVERYTHING, "ops@contoso.com").replayed()).hasSize(1);
        assertThat(blobs()).isEmpty();
        assertThat(regenerateCalls()).isEqualTo(1);
    }

    @Test
    @DisplayName("a container that does not exist (nothing was ever dead-lettered) is an empty one")
    void missingContainerIsEmpty(AppContext context, MutableClock clock) {
        BlobContainerClient missing = Sandbox.azurite().client().getBlobContainerClient("never-created-" + UUID.randomUUID());

        assertThat(new DeadLetterReplay(new BlobDeadLetterStore(() -> missing), context.keyVaultEvents(), clock)
                .replay(EVERYTHING, "ops@contoso.com")).isEqualTo(new ReplaySummary(false, List.of(), List.of(), 0, 0));
    }

    @Test
    @DisplayName("the published dead-letter format (src/test/resources/deadletter) is read: its event and Event Grid's reason")
    void publishedFormat() throws IOException {
        String blob;
        try (InputStream sample = getClass().getResourceAsStream("/deadletter/secret-near-expiry.json")) {
            blob = deadLetter(new String(sample.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }

        ReplaySummary summary = replay.replay(DRY_RUN, "ops@contoso.com");

        assertThat(summary.left()).isEmpty();
        assertThat(summary.replayed()).singleElement().satisfies(wouldReplay -> {
            assertThat(wouldReplay.deadLetter()).isEqualTo(blob);
            assertThat(wouldReplay.deadLetterReason())
                    .isEqualTo("MaxDeliveryAttemptsExceeded after 30 delivery attempts, last outcome TimedOut");
            assertThat(wouldReplay.events()).singleElement().isEqualTo(new ReplaySummary.ReplayedEvent(
                    "6d2f4b7a-1c3e-4f5a-9b8c-7e6d5c4b3a21", "SecretNearExpiry", VAULT, SECRET,
                    "9f4c1a7e2b3d4c5e8f6a7b8c9d0e1f2a", null, null));
        });
    }

    private String seed(String name, Map<String, String> tags) {
        return sandbox.keyVault.seedSecret(VAULT, name, key1, tags, NOW.minus(Duration.ofDays(40)), expiry);
    }

    private String nearExpiry(String eventId) {
        return KeyVaultEvents.event("Microsoft.KeyVault.SecretNearExpiry", eventId, VAULT, SECRET, version, expiry,
                expiry.minus(Duration.ofDays(30)));
    }

    /** Writes a blob as Event Grid names them: the subscription, then the UTC date and hour, not zero-padded. */
    private String deadLetter(String content) {
        String name = "SECRET-NEAR-EXPIRY/2026/11/22/7/" + UUID.randomUUID() + ".json";
        deadLetters.getBlobClient(name).upload(BinaryData.fromString(content));
        return name;
    }

    private List<String> blobs() {
        return deadLetters.listBlobs().stream().map(BlobItem::getName).toList();
    }

    private String latestVersion() {
        return sandbox.keyVault.versions(VAULT, SECRET).get(sandbox.keyVault.versions(VAULT, SECRET).size() - 1)
                .version();
    }

    private long regenerateCalls() {
        return sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKey"))
                .filter(call -> call.status() == 200).count();
    }
}
