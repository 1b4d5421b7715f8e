package io.kvrotator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.app.AppContext;
import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.AdaptiveCardSchema;
import io.kvrotator.testing.JsonShape;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.SampleNotices;
import io.kvrotator.testing.SharedContracts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Teams and email through the real clients (azure-core HTTP, Graph SDK) against the sandbox. */
@SandboxTest(vaults = NotificationChannelsTest.VAULT)
class NotificationChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = SandboxTest.START;
    static final String VAULT = "kv-dev-payments";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-payments/providers/Microsoft.Storage/storageAccounts/stpaymentsdev";

    private Sandbox sandbox;
    private AppContext app;
    private LogCapture logs;

    @BeforeEach
    void start(Sandbox sandbox, AppContext app, LogCapture logs) {
        this.sandbox = sandbox;
        this.app = app;
        this.logs = logs;
    }

    @Test
    @DisplayName("the Teams post is strict JSON in the message envelope, and its card is valid Adaptive Card 1.4")
    void teamsPost() throws Exception {
        app.notices().publish(SampleNotices.expired());

        assertThat(sandbox.teams.posted("ops")).singleElement().satisfies(post -> {
            JsonNode body = JSON.readTree(post.text());
            assertThat(body.path("type").asText()).isEqualTo("message");
            JsonNode attachment = body.path("attachments").get(0);
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            assertThat(AdaptiveCardSchema.violations(attachment.path("content"))).isEmpty();
        });
    }

    @Test
    @DisplayName("the sendMail request has the shape of the Graph docs example, names in the same case")
    void emailShape() {
        app.notices().publish(SampleNotices.rotationFailed());

        JsonNode actual = onlyMail().body();
        ObjectNode example = (ObjectNode) readContract("graph-sendMail-request.json");
        // The docs example quotes the flag ("false"); Graph's schema and the SDK make it an Edm.Boolean.
        assertThat(example.path("saveToSentItems").asText()).isEqualTo("false");
        example.put("saveToSentItems", false);

        assertThat(JsonShape.differences(example, actual)).isEmpty();
        assertThat(actual.path("saveToSentItems").asBoolean(true)).isFalse();
    }

    @Test
    @DisplayName("the email goes to the owner from the tags, HTML with the same facts, plain text attached, from the configured mailbox")
    void emailContent() {
        app.notices().publish(SampleNotices.rotationFailed());

        GraphStandIn.SentMail mail = onlyMail();
        JsonNode message = mail.message();
        assertThat(mail.sender()).isEqualTo(Sandbox.MAIL_SENDER);
        assertThat(mail.to()).containsExactly("payments-team@contoso.com");
        assertThat(mail.cc()).isEmpty();
        assertThat(mail.subject())
                .isEqualTo("[kv-rotator] Rotation failed: PAYMENTS-STORAGE-KEY (kv-prod-payments)");
        assertThat(message.path("importance").asText()).isEqualTo("high");
        assertThat(message.path("body").path("contentType").asText()).isEqualTo("html");
        assertThat(message.path("body").path("content").asText()).contains("Rotation failed at step rotate",
                "kv-prod-payments", "PAYMENTS-STORAGE-KEY", "2026-11-28 07:00 UTC (6 days left)",
                "payments-team@contoso.com", "Rotation failed: action needed", "Open in Azure portal");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("@odata.type").asText()).isEqualTo("#microsoft.graph.fileAttachment");
        assertThat(attachment.path("name").asText()).isEqualTo("notice.txt");
        assertThat(new String(Base64.getDecoder().decode(attachment.path("contentBytes").asText()),
                StandardCharsets.UTF_8)).contains("ROTATION FAILED: PAYMENTS-STORAGE-KEY",
                "Expires: 2026-11-28 07:00 UTC (6 days left)", "Outcome: Rotation failed: action needed");
    }

    @Test
    @DisplayName("a secret without an email owner is mailed to the configured default recipients")
    void defaultRecipients() {
        app.notices().publish(new Notice(NoticeKind.NEAR_EXPIRY, Severity.WARNING, VAULT, "LEGACY-API-KEY", "secret",
                NOW.plus(Duration.ofDays(5)), List.of(), "Expires in 5 days (7-day alert)", "Replace it by hand."));

        assertThat(onlyMail().to()).containsExactly(Sandbox.DEFAULT_RECIPIENTS);
    }

    @Test
    @DisplayName("an Owner tag naming mallory@evil.example does not make the mailbox write to it: the default recipients get the notice")
    void ownerOutsideAllowedDomainsIsNotMailed() {
        app.notices().publish(new Notice(NoticeKind.NEAR_EXPIRY, Severity.WARNING, VAULT, "PARTNER-API-KEY", "secret",
                NOW.plus(Duration.ofDays(5)), List.of("mallory@evil.example"), "Expires in 5 days (7-day alert)",
                "Replace it by hand."));

        GraphStandIn.SentMail mail = onlyMail();
        assertThat(mail.to()).containsExactly(Sandbox.DEFAULT_RECIPIENTS);
        assertThat(mail.cc()).isEmpty();
        assertThat(logs.linesContaining("notice.recipient_refused address=mallory@evil.example")).singleElement()
                .asString().contains("PARTNER-API-KEY", "contoso.com");
    }

    @Test
    @DisplayName("look-alike and smuggled addresses are refused, an allowed owner still gets the notice, and the defaults are copied")
    void addressTricksAreRefused() {
        List<String> owners = List.of("payments-team@contoso.com", "alice@contoso.com.evil.io",
                "alice@evil.io@contoso.com", "\"alice@evil.io\"@contoso.com", "alice@cont\u03bfso.com",
                "alice@contoso.com\u200b", "<alice@evil.io>");

        app.notices().publish(new Notice(NoticeKind.EXPIRED, Severity.ERROR, VAULT, "PARTNER-API-KEY", "secret",
                NOW.minus(Duration.ofDays(1)), owners, "Expired (expired 1 day ago)", "Replace it by hand."));

        GraphStandIn.SentMail mail = onlyMail();
        assertThat(mail.to()).containsExactly("payments-team@contoso.com");
        assertThat(mail.cc()).containsExactly(Sandbox.DEFAULT_RECIPIENTS);
        assertThat(logs.linesContaining("notice.recipient_refused")).hasSize(owners.size() - 1);
    }

    @Test
    @DisplayName("a reason written in Markdown shows literally in the Teams card, which stays valid Adaptive Card 1.4")
    void markdownInFreeTextIsEscaped() throws Exception {
        String reason = "**URGENT** [click](https://evil.example)";
        app.notices().publish(new Notice(NoticeKind.ROTATED, Severity.INFO, VAULT, "PAYMENTS_STORAGE_KEY", "secret",
                NOW.plus(Duration.ofDays(60)), List.of(), "Rotated: key2 is now in version 4f1c0a9e",
                "Reason: " + reason + ", by http:mallory_<b>#1</b>."));

        JsonNode card = JSON.readTree(sandbox.teams.posted("ops").get(0).text()).path("attachments").get(0)
                .path("content");
        assertThat(AdaptiveCardSchema.violations(card)).isEmpty();
        List<String> texts = new java.util.ArrayList<>();
        card.findValues("text").forEach(text -> texts.add(text.asText()));
        card.findValues("value").forEach(value -> texts.add(value.asText()));
        assertThat(texts).contains("Reason: \\*\\*URGENT\\*\\* \\[click\\](https://evil.example), by"
                + " http:mallory\\_\\<b\\>\\#1\\</b\\>.");
        assertThat(texts).allSatisfy(text -> assertThat(text)
                .as("no Markdown or HTML control character is left unescaped").doesNotContainPattern("(?<!\\\\)[*_\\[\\]<>#`]"));
        assertThat(texts.stream().map(NotificationChannelsTest::shownAs))
                .contains("Reason: " + reason + ", by http:mallory_<b>#1</b>.", "PAYMENTS_STORAGE_KEY");
    }

    @Test
    @DisplayName("with Teams answering 500, the rotation still succeeds and the notice arrives by email, copied to the defaults")
    void teamsDownFallsBackToEmail() {
        String key1 = sandbox.arm.createAccount(ACCOUNT);
        Instant expiry = NOW.plus(Duration.ofDays(20));
        String version = sandbox.keyVault.seedSecret(VAULT, "PAYMENTS-STORAGE-KEY", key1, Map.of(
                "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", ACCOUNT,
                "Owner", "payments-team@contoso.com"), NOW.minus(Duration.ofDays(40)), expiry);
        sandbox.teams.faults(Faults.failing(request -> true, Integer.MAX_VALUE,
                StandIn.Response.json(500, JSON.createObjectNode().put("error", "InternalServerError"))));

        new KeyVaultEventFunctions().secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "PAYMENTS-STORAGE-KEY",
                version, expiry, NOW), null);

        assertThat(sandbox.keyVault.versions(VAULT, "PAYMENTS-STORAGE-KEY")).hasSize(2);
        assertThat(sandbox.teams.calls()).hasSize(3).allSatisfy(call -> assertThat(call.status()).isEqualTo(500));
        GraphStandIn.SentMail mail = onlyMail();
        assertThat(mail.subject()).startsWith("[kv-rotator] Rotated: PAYMENTS-STORAGE-KEY");
        assertThat(mail.to()).containsExactly("payments-team@contoso.com");
        assertThat(mail.cc()).containsExactly(Sandbox.DEFAULT_RECIPIENTS);
        assertThat(mail.message().path("body").path("content").asText())
                .contains("Teams delivery failed, so this came by email instead.");
        assertThat(logs.linesContaining("notice.channel_failed channel=teams attempts=3")).singleElement().asString()
                .contains("Teams route 'default' answered HTTP 500");
    }

    @Test
    @DisplayName("with Graph refusing sendMail, the card in Teams says the email failed")
    void emailDownFallsBackToTeams() {
        sandbox.graph.faults(Faults.failing(request -> request.path().endsWith("/sendMail"), Integer.MAX_VALUE,
                StandIn.Response.json(403, JSON.createObjectNode().putObject("error").put("code", "ErrorAccessDenied"))));

        app.notices().publish(SampleNotices.rotationFailed());

        assertThat(sandbox.graph.calls()).filteredOn(call -> call.path().endsWith("/sendMail")).hasSize(1);
        assertThat(sandbox.teams.posted("ops")).hasSize(2);
        assertThat(sandbox.teams.posted("ops").get(1).text()).contains("Email delivery failed, so this came by Teams instead.");
    }

    @Test
    @DisplayName("when every channel fails the notice is still in the log, marked undelivered, and nothing throws")
    void everythingDown() {
        // 500, not 503: the Graph SDK itself retries 429, 503 and 504 with waits of its own.
        sandbox.teams.faults(Faults.failing(request -> true, Integer.MAX_VALUE, StandIn.Response.empty(500)));
        sandbox.graph.faults(Faults.failing(request -> true, Integer.MAX_VALUE, StandIn.Response.empty(500)));

        app.notices().publish(SampleNotices.expired());

        assertThat(sandbox.graph.calls()).hasSize(3);
        assertThat(logs.linesContaining("LogNotifier notice kind=EXPIRED")).singleElement().asString()
                .contains("object=PAYMENTS-PSP-API-KEY");
        assertThat(logs.linesContaining("notice.undelivered channels=teams,email")).hasSize(1);
    }

    @Test
    @DisplayName("neither a webhook URL nor its signature ever appears in the log")
    void webhookUrlNeverLogged() {
        sandbox.teams.faults(Faults.failing(request -> true, Integer.MAX_VALUE, StandIn.Response.empty(500)));

        app.notices().publish(SampleNotices.expired());

        assertThat(logs.all()).doesNotContain(sandbox.teams.webhookUrl("ops"))
                .doesNotContain("sig=").doesNotContain("/workflows/");
    }

    /** What a CommonMark renderer shows for escaped text: every backslash-escaped punctuation character literally. */
    private static String shownAs(String markdown) {
        return markdown.replaceAll("\\\\(\\p{Punct})", "$1");
    }

    private GraphStandIn.SentMail onlyMail() {
        assertThat(sandbox.graph.sentMail()).hasSize(1);
        return sandbox.graph.sentMail().get(0);
    }

    private static JsonNode readContract(String name) {
        try {
            return JSON.readTree(SharedContracts.read(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
