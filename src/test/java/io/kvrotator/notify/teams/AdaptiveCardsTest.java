package io.kvrotator.notify.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.notify.Severity;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.testing.AdaptiveCardSchema;
import io.kvrotator.testing.SampleNotices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdaptiveCardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdaptiveCards cards = new AdaptiveCards(
            new PortalLinks("https://portal.azure.com", "https://{vault}.vault.azure.net"),
            new MutableClock(SampleNotices.NOW));

    static Stream<Notice> notices() {
        return SampleNotices.all().stream();
    }

    @ParameterizedTest(name = "a {0} card is valid Adaptive Card 1.4")
    @MethodSource("notices")
    @DisplayName("every kind of notice card validates against the official Adaptive Card 1.4 schema")
    void noticeCardsValidate(Notice notice) {
        JsonNode card = cards.notice(notice, List.of());

        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(AdaptiveCardSchema.violations(card)).isEmpty();
    }

    @Test
    @DisplayName("the digest card, and a card sent instead of a failed email, validate too")
    void digestAndFallbackCardsValidate() {
        assertThat(AdaptiveCardSchema.violations(cards.digest(SampleNotices.digest(),
                SampleNotices.digest().byOwner(), List.of("email")))).isEmpty();
        assertThat(AdaptiveCardSchema.violations(cards.notice(SampleNotices.expired(), List.of("email")))).isEmpty();
    }

    @Test
    @DisplayName("the schema check is real: a card with an unknown element fails it")
    void schemaCatchesMistakes() {
        JsonNode card = cards.notice(SampleNotices.expired(), List.of());
        ((com.fasterxml.jackson.databind.node.ArrayNode) card.path("body")).addObject().put("type", "Marquee");

        assertThat(AdaptiveCardSchema.violations(card)).isNotEmpty();
    }

    @Test
    @DisplayName("the webhook body is the Workflows message envelope around exactly one Adaptive Card")
    void envelope() throws Exception {
        JsonNode body = JSON.readTree(JSON.writeValueAsString(cards.envelope(cards.notice(SampleNotices.expired(),
                List.of()))));

        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("attachments")).singleElement().satisfies(attachment -> {
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        });
    }

    @Test
    @DisplayName("an expired secret's card shows vault, object, kind, expiry with days, owner, outcome and a portal link, in the attention style")
    void expiredCardShowsTheFacts() {
        JsonNode card = cards.notice(SampleNotices.expired(), List.of());

        assertThat(card.path("body").get(0).path("style").asText()).isEqualTo("attention");
        assertThat(card.path("body").get(0).path("items").get(0).path("text").asText()).isEqualTo("EXPIRED · secret");
        assertThat(facts(card)).containsExactly(
                "Vault: kv-prod-payments",
                "Object: PAYMENTS-PSP-API-KEY",
                "Kind: secret",
                "Expires: 2026-11-20 07:00 UTC (expired 2 days ago)",
                "Owner: payments-team@contoso.com, payments-oncall",
                "Outcome: Expired: action needed now");
        assertThat(card.path("actions")).singleElement().satisfies(action -> {
            assertThat(action.path("title").asText()).isEqualTo("Open in Azure portal");
            assertThat(action.path("url").asText()).isEqualTo("https://portal.azure.com/#asset/Microsoft_Azure_KeyVault/"
                    + "Secret/https://kv-prod-payments.vault.azure.net/secrets/PAYMENTS-PSP-API-KEY");
        });
    }

    @Test
    @DisplayName("a failed rotation is shown in the attention style, a successful one in the good style")
    void severityIsVisible() {
        assertThat(cards.notice(SampleNotices.rotationFailed(), List.of()).path("body").get(0).path("style").asText())
                .isEqualTo("attention");
        assertThat(cards.notice(SampleNotices.rotated(), List.of()).path("body").get(0).path("style").asText())
                .isEqualTo("good");
    }

    @Test
    @DisplayName("an app registration credential links to the app's Certificates & secrets page")
    void appCredentialLink() {
        JsonNode card = cards.notice(SampleNotices.nearExpiry(), List.of());

        assertThat(facts(card)).contains("Application (client) ID: 631a96bc-a705-4eda-9f99-fdaf9f54f6a2",
                "Expires: 2026-11-28 07:00 UTC (6 days left)");
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo("https://portal.azure.com/#view/"
                + "Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/631a96bc-a705-4eda-9f99-fdaf9f54f6a2");
    }

    @Test
    @DisplayName("a reason written in Markdown is shown literally: every TextBlock and fact escapes it, and the card stays valid")
    void markdownReasonShownLiterally() {
        Notice notice = new Notice(NoticeKind.ROTATION_FAILED, Severity.ERROR, "kv-prod-payments", "ORDERS_KEY",
                "secret", SampleNotices.NOW.plus(Duration.ofDays(6)), List.of("team_a@contoso.com"),
                "Rotation failed at step **plan**", "**URGENT** [click](https://evil.example)");

        JsonNode card = cards.notice(notice, List.of());

        assertThat(AdaptiveCardSchema.violations(card)).isEmpty();
        assertThat(card.path("body").findValuesAsText("text")).contains(
                "\\*\\*URGENT\\*\\* \\[click\\](https://evil.example)", "Rotation failed at step \\*\\*plan\\*\\*",
                "ORDERS\\_KEY");
        assertThat(facts(card)).contains("Object: ORDERS\\_KEY", "Owner: team\\_a@contoso.com");
    }

    @Test
    @DisplayName("the digest lists a failing rotation with its step and message, and a refused recipient as a policy gap")
    void digestShowsFailingRotationsAndRefusedRecipients() {
        JsonNode card = cards.digest(SampleNotices.digest(), SampleNotices.digest().byOwner(), List.of());

        assertThat(card.path("body").get(0).path("style").asText()).isEqualTo("attention");
        assertThat(card.path("body").get(0).path("items").get(1).path("text").asText())
                .isEqualTo("1 expired, 3 expiring, 1 without expiry, 1 rotation failing, 1 refused recipient");
        assertThat(facts(card)).contains("ORDERS-STORAGE-KEY: rotation failing at step plan: tag ProviderAddress is"
                + " missing: set it to the storage account's resource ID · 9 days left (2026-12-01 07:00 UTC) · secret in"
                + " kv-prod-payments", "PARTNER-API-KEY: policy gap: recipient outside allowed domains:"
                + " partner@external.example · secret in kv-prod-common");
    }

    @Test
    @DisplayName("the digest shows an access finding with its policy line in the attention style, and validates")
    void digestShowsAccessFindings() {
        Digest digest = new Digest(SampleNotices.NOW, List.of(new Digest.Entry("kv-prod-payments",
                "user Olga Owner (olga@contoso.com)", PortalLinks.ACCESS, null, Digest.Status.ACCESS_FINDING,
                List.of("security-team@contoso.com"), "user Olga Owner (olga@contoso.com) holds Owner inherited from"
                + " the subscription as standing access. Breaks DESIGN.md section 10.")));

        JsonNode card = cards.digest(digest, digest.byOwner(), List.of());

        assertThat(AdaptiveCardSchema.violations(card)).isEmpty();
        assertThat(card.path("body").get(0).path("style").asText()).isEqualTo("attention");
        assertThat(card.path("body").get(0).path("items").get(1).path("text").asText())
                .isEqualTo("0 expired, 0 expiring, 0 without expiry, 1 access finding");
        assertThat(facts(card)).anySatisfy(fact -> assertThat(fact).startsWith("user Olga Owner (olga@contoso.com):"
                + " user Olga Owner (olga@contoso.com) holds Owner inherited from the subscription").endsWith(
                " · access in kv-prod-payments"));
    }

    @Test
    @DisplayName("a digest of hundreds of items stays under Teams' message size by listing the first 40")
    void bigDigestIsCapped() throws Exception {
        List<Digest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(new Digest.Entry("kv-prod-payments", "SECRET-" + i, "secret",
                    SampleNotices.NOW.plus(Duration.ofDays(i % 30)), Digest.Status.EXPIRING, List.of("team-" + i % 7 + "@contoso.com")));
        }
        Digest digest = new Digest(SampleNotices.NOW, entries);

        JsonNode card = cards.digest(digest, digest.byOwner(), List.of());

        assertThat(JSON.writeValueAsBytes(cards.envelope((com.fasterxml.jackson.databind.node.ObjectNode) card)).length)
                .isLessThan(28 * 1024);
        assertThat(card.path("body").toString()).contains("…and 260 more: see GET /api/expiries.");
        assertThat(AdaptiveCardSchema.violations(card)).isEmpty();
    }

    private static List<String> facts(JsonNode card) {
        List<String> facts = new ArrayList<>();
        for (JsonNode element : card.path("body")) {
            for (JsonNode fact : element.path("facts")) {
                facts.add(fact.path("title").asText() + ": " + fact.path("value").asText());
            }
        }
        return facts;
    }
}
