package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.api.ApiRequest;
import io.kvrotator.api.ApiResponse;
import io.kvrotator.app.AppContext;
import io.kvrotator.functions.ExpirySweepFunction;
import io.kvrotator.notify.Digest;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn;
import io.kvrotator.sandbox.KeyVaultStandIn;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.sandbox.TeamsWebhookStandIn;
import io.kvrotator.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The daily sweep through the {@code ExpirySweep} function: real Key Vault and Graph SDK clients against the
 * stand-ins, the alert record as blobs in Azurite, notices to the Teams and sendMail stand-ins.
 */
@SandboxTest(vaults = ExpirySweepTest.VAULT)
class ExpirySweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY_1 = SandboxTest.START;
    static final String VAULT = "kv-dev-payments";
    private static final String OWNER = "payments-team@contoso.com";

    private Sandbox sandbox;
    private MutableClock clock;
    private LogCapture logs;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock, LogCapture logs) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.logs = logs;
    }

    @Test
    @DisplayName("items 45, 30, 13, 6, 0 and -2 days from expiry get exactly the 30-, 14-, 7-, 1-day and expired alerts; the same day again sends none; after two missed days the 3-day and expired alerts catch up")
    void thresholdAlerts() {
        seedSecret("EXPIRES-IN-45-DAYS", DAY_1.plus(Duration.ofDays(45)));
        seedSecret("EXPIRES-IN-30-DAYS", DAY_1.plus(Duration.ofDays(30)));
        seedSecret("EXPIRES-IN-13-DAYS", DAY_1.plus(Duration.ofDays(13)));
        seedSecret("EXPIRES-IN-6-DAYS", DAY_1.plus(Duration.ofDays(6)));
        seedSecret("EXPIRES-TODAY", DAY_1.plus(Duration.ofHours(6)));
        seedSecret("EXPIRED-2-DAYS-AGO", DAY_1.minus(Duration.ofDays(2)));

        SweepResult first = sweep();

        assertThat(alerts(first)).containsExactlyInAnyOrder(
                "EXPIRES-IN-30-DAYS: Expires in 30 days (30-day alert)",
                "EXPIRES-IN-13-DAYS: Expires in 13 days (14-day alert)",
                "EXPIRES-IN-6-DAYS: Expires in 6 days (7-day alert)",
                "EXPIRES-TODAY: Expires in less than a day (1-day alert)",
                "EXPIRED-2-DAYS-AGO: Expired (expired 2 days ago)");
        assertThat(teamsNoticeTitles()).containsExactlyInAnyOrder("EXPIRES-IN-30-DAYS", "EXPIRES-IN-13-DAYS",
                "EXPIRES-IN-6-DAYS", "EXPIRES-TODAY", "EXPIRED-2-DAYS-AGO");
        assertThat(mailSubjects()).filteredOn(subject -> !subject.contains("digest")).hasSize(5);

        clock.advance(Duration.ofHours(3));
        SweepResult again = sweep();

        assertThat(again.alerts()).isEmpty();
        assertThat(teamsNoticeTitles()).isEmpty();

        clock.set(DAY_1.plus(Duration.ofDays(3)));
        SweepResult caughtUp = sweep();

        assertThat(alerts(caughtUp)).containsExactlyInAnyOrder(
                "EXPIRES-IN-6-DAYS: Expires in 3 days (3-day alert)",
                "EXPIRES-TODAY: Expired (expired 2 days ago)");
    }

    @Test
    @DisplayName("an alert no channel delivers (Teams and mail down through their retries) is given back in the alert"
            + " record: the next sweep sends it, once the channels are back")
    void undeliveredAlertIsSentByTheNextSweep() {
        seedSecret("EXPIRES-IN-6-DAYS", DAY_1.plus(Duration.ofDays(6)));
        StandIn.Response failure = StandIn.Response.text(500, "application/json", "{}");
        sandbox.teams.faults(Faults.failing(request -> true, 1_000, failure));
        sandbox.graph.faults(Faults.failing(request -> request.path().endsWith("/sendMail"), 1_000, failure));

        SweepResult down = sweep();

        assertThat(alerts(down)).containsExactly("EXPIRES-IN-6-DAYS: Expires in 6 days (7-day alert)");
        assertThat(sandbox.teams.posted("ops")).isEmpty();

        sandbox.teams.faults(Faults.none());
        sandbox.graph.faults(Faults.none());
        clock.advance(Duration.ofHours(1));
        SweepResult back = sweep();

        assertThat(alerts(back)).containsExactly("EXPIRES-IN-6-DAYS: Expires in 5 days (7-day alert)");
        assertThat(teamsNoticeTitles()).containsExactly("EXPIRES-IN-6-DAYS");
        assertThat(alerts(sweep())).as("sent once, then not again").isEmpty();
        assertThat(logs.all()).contains("notice.undelivered", "sweep.alerts_undelivered");
    }

    @Test
    @DisplayName("the digest lists expired and expiring items and secrets without expiry, grouped by owner, once a day")
    void digest() {
        seedSecret("EXPIRES-IN-6-DAYS", DAY_1.plus(Duration.ofDays(6)));
        seedSecret("EXPIRES-IN-90-DAYS", DAY_1.plus(Duration.ofDays(90)));
        sandbox.keyVault.seedSecret(VAULT, "NO-EXPIRY", "sweep-test-value-no-expiry", Map.of(), null, null);

        SweepResult result = sweep();

        Digest digest = result.digest();
        assertThat(digest.byOwner()).containsOnlyKeys(OWNER, Digest.UNOWNED);
        assertThat(digest.byOwner().get(OWNER)).extracting(Digest.Entry::objectName).containsExactly("EXPIRES-IN-6-DAYS");
        assertThat(digest.byOwner().get(Digest.UNOWNED)).singleElement().satisfies(entry -> {
            assertThat(entry.objectName()).isEqualTo("NO-EXPIRY");
            assertThat(entry.status()).isEqualTo(Digest.Status.NO_EXPIRY);
        });
        assertThat(sandbox.teams.posted("ops")).filteredOn(post -> post.text().contains("DAILY EXPIRY DIGEST"))
                .singleElement().satisfies(post -> assertThat(post.text())
                        .contains("no expiry set: policy gap", "Items without an Owner or NotifyTo tag"));
        assertThat(mailSubjects()).filteredOn(subject -> subject.contains("digest")).containsExactly(
                "[kv-rotator] Daily expiry digest: 0 expired, 1 expiring, 1 without expiry",
                "[kv-rotator] Daily expiry digest: 0 expired, 1 expiring, 1 without expiry");
        assertThat(sandbox.graph.sentMail()).extracting(GraphStandIn.SentMail::to)
                .contains(List.of(OWNER), List.of(Sandbox.DEFAULT_RECIPIENTS));
    }

    @Test
    @DisplayName("a second sweep the same day sends no digest, not even for new items of the same owner; a new owner gets its first; the next day everyone gets one again")
    void oneDigestPerAddresseePerDay() {
        seedSecret("EXPIRES-IN-6-DAYS", DAY_1.plus(Duration.ofDays(6)));
        sandbox.keyVault.seedSecret(VAULT, "NO-EXPIRY", "sweep-test-value-no-expiry", Map.of(), null, null);

        sweep();

        assertThat(digestCards()).hasSize(1);
        assertThat(digestMailRecipientsSince(0)).containsExactlyInAnyOrder(OWNER, Sandbox.DEFAULT_RECIPIENTS);

        int mailsBefore = sandbox.graph.sentMail().size();
        clock.advance(Duration.ofHours(2));
        SweepResult manualRun = sweep();

        assertThat(manualRun.digest().entries()).isEmpty();
        assertThat(digestCards()).isEmpty();
        assertThat(digestMailRecipientsSince(mailsBefore)).isEmpty();

        clock.advance(Duration.ofHours(2));
        seedSecret("NEW-TODAY-EXPIRES-IN-5-DAYS", clock.instant().plus(Duration.ofDays(5)));
        sandbox.keyVault.seedSecret(VAULT, "BILLING-KEY", "sweep-test-value-billing", Map.of("Owner",
                "billing-team@contoso.com"), DAY_1.minus(Duration.ofDays(80)), clock.instant().plus(Duration.ofDays(4)));
        SweepResult retriedTimer = sweep();

        assertThat(alerts(retriedTimer)).containsExactlyInAnyOrder(
                "NEW-TODAY-EXPIRES-IN-5-DAYS: Expires in 5 days (7-day alert)",
                "BILLING-KEY: Expires in 4 days (7-day alert)");
        assertThat(digestCards()).as("the default channel had today's digest").isEmpty();
        assertThat(digestMailRecipientsSince(mailsBefore)).containsExactly("billing-team@contoso.com");
        assertThat(retriedTimer.digest().entries()).extracting(Digest.Entry::objectName).containsExactly("BILLING-KEY");

        mailsBefore = sandbox.graph.sentMail().size();
        clock.set(DAY_1.plus(Duration.ofDays(1)));
        sweep();

        assertThat(digestCards()).hasSize(1);
        assertThat(digestMailRecipientsSince(mailsBefore)).containsExactlyInAnyOrder(OWNER,
                "billing-team@contoso.com", Sandbox.DEFAULT_RECIPIENTS);
    }

    @Test
    @DisplayName("a secret the sweep cannot rotate is listed in the digest as rotation failing, with the step and why, every day it keeps failing")
    void failingRotationInTheDigest() {
        sandbox.keyVault.seedSecret(VAULT, "ORDERS-STORAGE-KEY", "sweep-test-value-orders", Map.of(
                "CredentialType", "StorageAccountKey", "CredentialId", "key1", "Owner", OWNER),
                DAY_1.minus(Duration.ofDays(50)), DAY_1.plus(Duration.ofDays(10)));
        clock.set(DAY_1.plus(Duration.ofDays(1)));

        SweepResult first = sweep();

        assertThat(first.rotations()).singleElement().isInstanceOf(RotationOutcome.Failed.class);
        assertThat(first.digest().entries()).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(Digest.Status.ROTATION_FAILING);
            assertThat(entry.detail()).startsWith("rotation failing at step plan: ").contains("ProviderAddress");
        });
        assertThat(digestCards()).singleElement().satisfies(card -> assertThat(card.text())
                .contains("1 rotation failing", "ORDERS-STORAGE-KEY", "rotation failing at step plan")
                .doesNotContain("sweep-test-value-orders"));
        assertThat(sandbox.graph.sentMail()).filteredOn(mail -> mail.subject().contains("digest"))
                .singleElement().satisfies(mail -> {
                    assertThat(mail.to()).containsExactly(OWNER);
                    assertThat(mail.message().path("body").path("content").asText())
                            .contains("rotation failing at step plan");
                });

        clock.set(DAY_1.plus(Duration.ofDays(2)));
        SweepResult nextDay = sweep();

        assertThat(nextDay.digest().entries()).singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(Digest.Status.ROTATION_FAILING));
        assertThat(digestCards()).singleElement().satisfies(card -> assertThat(card.text())
                .contains("rotation failing at step plan"));
    }

    @Test
    @DisplayName("an Owner address outside the organisation's domains is never mailed: the default recipients get the alert, and the sweep and GET /api/expiries report the policy gap")
    void ownerOutsideAllowedDomains() throws Exception {
        sandbox.keyVault.seedSecret(VAULT, "PARTNER-API-KEY", "sweep-test-value-partner", Map.of("Owner",
                "mallory@evil.example"), DAY_1.minus(Duration.ofDays(80)), DAY_1.plus(Duration.ofDays(6)));

        SweepResult result = sweep();

        assertThat(sandbox.graph.sentMail()).isNotEmpty().allSatisfy(mail ->
                assertThat(mail.to()).containsExactly(Sandbox.DEFAULT_RECIPIENTS));
        assertThat(sandbox.graph.sentMail()).extracting(GraphStandIn.SentMail::subject).containsExactlyInAnyOrder(
                "[kv-rotator] Expires soon: PARTNER-API-KEY (" + VAULT + ")",
                "[kv-rotator] Daily expiry digest: 0 expired, 1 expiring, 0 without expiry, 1 refused recipient");
        assertThat(result.report().policyGaps()).singleElement().satisfies(gap -> {
            assertThat(gap.item().name()).isEqualTo("PARTNER-API-KEY");
            assertThat(gap.reason()).isEqualTo("recipient outside allowed domains: mallory@evil.example");
        });
        assertThat(digestCards()).singleElement().satisfies(card -> assertThat(card.text())
                .contains("policy gap: recipient outside allowed domains: mallory@evil.example"));
        assertThat(logs.linesContaining("notice.recipient_refused address=mallory@evil.example")).isNotEmpty();

        ApiResponse expiries = AppContext.get().secretApi().expiries(new ApiRequest(Map.of(), Map.of(), Map.of(), null));
        assertThat(expiries.status()).isEqualTo(200);
        assertThat(JSON.readTree(expiries.body()).path("policyGaps")).singleElement().satisfies(gap -> {
            assertThat(gap.path("name").asText()).isEqualTo("PARTNER-API-KEY");
            assertThat(gap.path("gap").asText()).isEqualTo("recipient outside allowed domains: mallory@evil.example");
        });
    }

    @Test
    @DisplayName("certificates and app registration passwords and keys are swept and alerted like secrets")
    void certificatesAndAppCredentials() {
        sandbox.keyVault.seedCertificate(VAULT, "payments-tls", DAY_1.minus(Duration.ofDays(300)),
                DAY_1.plus(Duration.ofDays(10)), Map.of("Owner", OWNER));
        String app = sandbox.graph.createApplication("payments-api", "631a96bc-a705-4eda-9f99-fdaf9f54f6a2");
        sandbox.graph.addPassword(app, "ci-deploy", DAY_1.minus(Duration.ofDays(500)), DAY_1.plus(Duration.ofDays(2)));
        sandbox.graph.addKeyCredential(app, "signing-cert", DAY_1.minus(Duration.ofDays(300)), DAY_1.plus(Duration.ofDays(100)));

        SweepResult result = sweep();

        assertThat(alerts(result)).containsExactlyInAnyOrder(
                "payments-tls: Expires in 10 days (14-day alert)",
                "payments-api / ci-deploy: Expires in 2 days (3-day alert)");
        assertThat(result.report().items()).extracting(ExpiryItem::kind)
                .contains(ItemKind.CERTIFICATE, ItemKind.APP_PASSWORD, ItemKind.APP_CERTIFICATE);
        assertThat(result.alerts()).filteredOn(notice -> notice.objectKind().equals("app password")).singleElement()
                .satisfies(notice -> assertThat(notice.location()).isEqualTo("631a96bc-a705-4eda-9f99-fdaf9f54f6a2"));
    }

    @Test
    @DisplayName("the sweep reads vaults with list calls only: no secret is fetched one by one")
    void listCallsOnly() {
        for (int i = 0; i < 30; i++) {
            seedSecret("PAGED-SECRET-" + i, DAY_1.plus(Duration.ofDays(i)));
        }

        sweep();

        List<StandIn.Call> vaultReads = sandbox.keyVault.calls().stream()
                .filter(call -> call.method().equals("GET") && call.status() == 200).toList();
        assertThat(vaultReads).extracting(StandIn.Call::path)
                .containsExactly("/" + VAULT + "/secrets", "/" + VAULT + "/secrets", "/" + VAULT + "/certificates");
        assertThat(KeyVaultStandIn.MAX_RESULTS).as("two pages of secrets").isLessThan(30);
    }

    @Test
    @DisplayName("a tagged storage key whose near-expiry event was lost is rotated by the sweep, and is not alerted")
    void rotatesWhatAnEventMissed() {
        String account = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-payments/providers/"
                + "Microsoft.Storage/storageAccounts/stpaymentsdev";
        String key1 = sandbox.arm.createAccount(account);
        sandbox.keyVault.seedSecret(VAULT, "PAYMENTS-STORAGE-KEY", key1, Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "ProviderAddress", account, "Owner", OWNER), DAY_1.minus(Duration.ofDays(40)),
                DAY_1.plus(Duration.ofDays(20)));

        SweepResult result = sweep();

        assertThat(result.rotations()).singleElement().isInstanceOf(RotationOutcome.Rotated.class);
        List<KeyVaultStandIn.VersionView> versions = sandbox.keyVault.versions(VAULT, "PAYMENTS-STORAGE-KEY");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).tags()).containsEntry("RotatedBy", "sweep").containsEntry("RotationReason", "ExpirySweep")
                .containsEntry("CredentialId", "key2");
        assertThat(result.alerts()).isEmpty();
        assertThat(result.digest().entries()).isEmpty();
        assertThat(sandbox.teams.posted("ops")).singleElement().satisfies(post ->
                assertThat(post.text()).contains("ROTATED · secret", "PAYMENTS-STORAGE-KEY"));

        assertThat(sweep().rotations()).as("the next day's sweep finds nothing to rotate").isEmpty();
    }

    @Test
    @DisplayName("a vault the identity cannot list fails the run, after the other sources were swept and alerted")
    void unreadableVault() {
        seedSecret("EXPIRES-IN-6-DAYS", DAY_1.plus(Duration.ofDays(6)));
        sandbox.keyVault.faults(io.kvrotator.sandbox.Faults.failing(request -> request.path().endsWith("/certificates"),
                Integer.MAX_VALUE, StandIn.Response.json(403, new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().putObject("error").put("code", "Forbidden"))));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExpirySweepFunction().run(null, null))
                .hasMessageContaining("vault-" + VAULT);
        assertThat(logs.linesContaining("sweep.source_failed scope=vault-" + VAULT)).hasSize(1);
    }

    private SweepResult sweep() {
        sandbox.teams.clearPosted();
        return AppContext.get().expirySweep().run();
    }

    private void seedSecret(String name, Instant expiresOn) {
        sandbox.keyVault.seedSecret(VAULT, name, "sweep-test-value-" + name.toLowerCase(), Map.of("Owner", OWNER),
                expiresOn.minus(Duration.ofDays(90)), expiresOn);
    }

    private static List<String> alerts(SweepResult result) {
        return result.alerts().stream().map(notice -> notice.objectName() + ": " + notice.summary()).toList();
    }

    /** The titles of the notice cards (not the digest) posted to the default Teams channel. */
    private List<String> teamsNoticeTitles() {
        return sandbox.teams.posted("ops").stream().map(TeamsWebhookStandIn.Posted::json)
                .map(json -> json.path("attachments").get(0).path("content").path("body").get(0))
                .filter(header -> !header.path("items").get(0).path("text").asText().equals("DAILY EXPIRY DIGEST"))
                .map(header -> header.path("items").get(1).path("text").asText()).toList();
    }

    /** The digest cards posted to the default Teams channel since the last sweep began. */
    private List<TeamsWebhookStandIn.Posted> digestCards() {
        return sandbox.teams.posted("ops").stream().filter(post -> post.text().contains("DAILY EXPIRY DIGEST")).toList();
    }

    /** Everyone a digest email went to, from the {@code since}-th email sent on. */
    private List<String> digestMailRecipientsSince(int since) {
        List<GraphStandIn.SentMail> mails = sandbox.graph.sentMail();
        return mails.subList(since, mails.size()).stream().filter(mail -> mail.subject().contains("digest"))
                .flatMap(mail -> java.util.stream.Stream.concat(mail.to().stream(), mail.cc().stream())).toList();
    }

    private List<String> mailSubjects() {
        return sandbox.graph.sentMail().stream().map(GraphStandIn.SentMail::subject).toList();
    }
}
