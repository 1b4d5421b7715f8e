package io.kvrotator.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.notify.Severity;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.testing.SampleNotices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MailRendererTest {

    private static final String HOSTILE = "<script>alert(1)</script> <a href=\"https://evil.example\">click</a> & co";

    private final MailRenderer renderer = new MailRenderer(
            new PortalLinks("https://portal.azure.com", "https://{vault}.vault.azure.net"),
            new MutableClock(SampleNotices.NOW));

    @Test
    @DisplayName("a reason with a script and a link shows as text in the HTML body, and as written in the plain text")
    void hostileReasonIsEscaped() {
        Notice notice = new Notice(NoticeKind.REVOKED, Severity.WARNING, "kv-prod-payments", "PAYMENTS-STORAGE-KEY",
                "secret", SampleNotices.NOW.plus(Duration.ofDays(60)), List.of("payments-team@contoso.com"),
                "Revoked: only key2 still works", "Reason: " + HOSTILE + ". Requested by <img src=x>.");

        RenderedMail mail = renderer.notice(notice, List.of());

        assertThat(mail.html()).doesNotContain("<script", "<a href=\"https://evil.example\"", "<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&quot;https://evil.example&quot;&gt;"
                        + "click&lt;/a&gt; &amp; co", "&lt;img src=x&gt;");
        assertThat(mail.text()).contains("Reason: " + HOSTILE + ". Requested by <img src=x>.");
    }

    @Test
    @DisplayName("an access finding and an unchecked part of the access review are digest lines, linked to the vaults")
    void digestAccessReview() {
        Digest digest = new Digest(SampleNotices.NOW, List.of(
                new Digest.Entry("kv-prod-payments", "user Sam <Standing> (sam@contoso.com)", PortalLinks.ACCESS, null,
                        Digest.Status.ACCESS_FINDING, List.of("security-team@contoso.com"), "user Sam can read secret"
                        + " values through standing access: Key Vault Secrets User on the vault. Breaks DESIGN.md"
                        + " section 10, \"Access to secrets is held tightly\": \"through Privileged Identity"
                        + " Management (eligible, not standing, access)\"."),
                new Digest.Entry("kv-prod-payments", "access review", PortalLinks.ACCESS, null,
                        Digest.Status.ACCESS_NOT_CHECKED, List.of("security-team@contoso.com"), "could not check PIM's"
                        + " role eligibility schedule instances: ManagementException status=403")));

        RenderedMail mail = renderer.digest(digest, digest.byOwner(), List.of());

        assertThat(mail.subject()).isEqualTo("[kv-rotator] Daily expiry digest: 0 expired, 0 expiring, 0 without"
                + " expiry, 1 access finding, access review incomplete");
        assertThat(mail.html()).contains("user Sam &lt;Standing&gt; (sam@contoso.com)", "eligible, not standing,"
                + " access", "https://portal.azure.com/#browse/Microsoft.KeyVault%2Fvaults",
                "could not check PIM&#39;s role eligibility").doesNotContain("<Standing>");
        assertThat(mail.text()).contains("- access review (access, kv-prod-payments): could not check PIM's role");
    }

    @Test
    @DisplayName("a failing rotation and a refused recipient are digest lines of their own, escaped like everything else")
    void digestProblems() {
        Digest digest = new Digest(SampleNotices.NOW, List.of(
                new Digest.Entry("kv-prod-payments", "ORDERS-STORAGE-KEY", "secret",
                        SampleNotices.NOW.plus(Duration.ofDays(6)), Digest.Status.ROTATION_FAILING, List.of(),
                        "rotation failing at step plan: tag <ProviderAddress> is missing"),
                new Digest.Entry("kv-prod-payments", "PARTNER-API-KEY", "secret",
                        SampleNotices.NOW.plus(Duration.ofDays(40)), Digest.Status.RECIPIENT_REFUSED, List.of(),
                        "policy gap: recipient outside allowed domains: mallory@evil.example")));

        RenderedMail mail = renderer.digest(digest, digest.byOwner(), List.of());

        assertThat(mail.subject()).isEqualTo("[kv-rotator] Daily expiry digest: 0 expired, 0 expiring, 0 without"
                + " expiry, 1 rotation failing, 1 refused recipient");
        assertThat(mail.html()).contains("rotation failing at step plan: tag &lt;ProviderAddress&gt; is missing · "
                + "2026-11-28 07:00 UTC (6 days left)", "policy gap: recipient outside allowed domains: "
                + "mallory@evil.example").doesNotContain("<ProviderAddress>");
        assertThat(mail.text()).contains("- ORDERS-STORAGE-KEY (secret, kv-prod-payments): rotation failing at step"
                + " plan: tag <ProviderAddress> is missing");
    }
}
