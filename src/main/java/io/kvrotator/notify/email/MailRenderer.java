package io.kvrotator.notify.email;

import io.kvrotator.notify.Digest;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeWording;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.notify.Severity;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders notices and digests as email. The HTML uses inline styles and tables only, because mail clients drop
 * style sheets; the plain text carries exactly the same facts.
 */
public final class MailRenderer {

    private static final String FOOTER = "Sent by kv-rotator, which rotates and watches the credentials behind Key"
            + " Vault secrets. Who gets these emails is set by the Owner and NotifyTo tags.";

    private final PortalLinks links;
    private final Clock clock;

    public MailRenderer(PortalLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    public RenderedMail notice(Notice notice, List<String> failedChannels) {
        String subject = "[kv-rotator] " + NoticeWording.headline(notice) + ": " + notice.objectName() + " ("
                + notice.location() + ")";
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(NoticeWording.locationLabel(notice.objectKind()), notice.location());
        facts.put("Object", notice.objectName());
        facts.put("Kind", notice.objectKind());
        facts.put("Expires", ExpiryText.expiry(notice.expiresOn(), clock.instant()));
        facts.put("Owner", NoticeWording.owners(notice.owners()));
        facts.put("Outcome", NoticeWording.outcome(notice));
        String portal = links.of(notice.objectKind(), notice.location(), notice.objectName());
        String note = failedChannels.isEmpty() ? null : NoticeWording.fallbackNote(failedChannels, "email");

        StringBuilder html = new StringBuilder(start(colour(notice.severity(), notice)));
        html.append(banner(colour(notice.severity(), notice),
                NoticeWording.headline(notice).toUpperCase(Locale.ROOT) + " · " + notice.objectKind(),
                notice.objectName()));
        html.append("<p style=\"font-size:15px;font-weight:600;margin:16px 0 8px\">").append(escape(notice.summary()))
                .append("</p>");
        html.append(table(facts));
        if (notice.detail() != null && !notice.detail().isBlank()) {
            html.append("<p style=\"margin:12px 0\">").append(escape(notice.detail())).append("</p>");
        }
        html.append(button(portal));
        html.append(end(note));

        StringBuilder text = new StringBuilder(NoticeWording.headline(notice).toUpperCase(Locale.ROOT)).append(": ")
                .append(notice.objectName()).append("\n\n").append(notice.summary()).append("\n\n");
        facts.forEach((title, value) -> text.append(title).append(": ").append(value).append('\n'));
        if (notice.detail() != null && !notice.detail().isBlank()) {
            text.append('\n').append(notice.detail()).append('\n');
        }
        text.append("\nOpen in Azure portal: ").append(portal).append('\n');
        appendText(text, note);
        return new RenderedMail(subject, html.toString(), text.toString());
    }

    public RenderedMail digest(Digest digest, Map<String, List<Digest.Entry>> groups, List<String> failedChannels) {
        String title = NoticeWording.digestTitle(digest);
        String subject = "[kv-rotator] Daily expiry digest: " + title;
        String colour = digest.severity() == Severity.ERROR ? "#c4314b" : "#d19f00";
        String note = failedChannels.isEmpty() ? null : NoticeWording.fallbackNote(failedChannels, "email");

        StringBuilder html = new StringBuilder(start(colour)).append(banner(colour, "DAILY EXPIRY DIGEST", title));
        html.append("<p style=\"color:#616161;margin:8px 0\">As of ").append(escape(ExpiryText.utc(digest.asOf())))
                .append("</p>");
        StringBuilder text = new StringBuilder("DAILY EXPIRY DIGEST: ").append(title).append("\nAs of ")
                .append(ExpiryText.utc(digest.asOf())).append('\n');
        groups.forEach((owner, entries) -> {
            html.append("<h3 style=\"font-size:15px;margin:20px 0 6px\">")
                    .append(escape(NoticeWording.ownerHeading(owner))).append("</h3>")
                    .append("<table style=\"border-collapse:collapse;width:100%;font-size:14px\">")
                    .append("<tr>").append(th("Object")).append(th("Kind")).append(th("Where")).append(th("Status"))
                    .append("</tr>");
            text.append('\n').append(NoticeWording.ownerHeading(owner)).append('\n');
            for (Digest.Entry entry : entries) {
                String status = NoticeWording.digestStatus(entry, ExpiryText.expiry(entry.expiresOn(), digest.asOf()));
                String link = links.of(entry.objectKind(), entry.location(), entry.objectName());
                html.append("<tr>").append(td("<a href=\"" + escape(link) + "\">" + escape(entry.objectName()) + "</a>"))
                        .append(td(escape(entry.objectKind()))).append(td(escape(entry.location())))
                        .append(td(entry.status() == Digest.Status.EXPIRING ? escape(status)
                                : "<strong style=\"color:#c4314b\">" + escape(status) + "</strong>"))
                        .append("</tr>");
                text.append("- ").append(entry.objectName()).append(" (").append(entry.objectKind()).append(", ")
                        .append(entry.location()).append("): ").append(status).append('\n');
            }
            html.append("</table>");
        });
        html.append(end(note));
        appendText(text, note);
        return new RenderedMail(subject, html.toString(), text.toString());
    }

    private static String start(String colour) {
        return "<!DOCTYPE html><html><body style=\"margin:0;padding:24px;background:#f5f5f5;"
                + "font-family:'Segoe UI',Helvetica,Arial,sans-serif;color:#242424\">"
                + "<div style=\"max-width:640px;margin:0 auto;background:#ffffff;border-top:6px solid " + colour
                + ";padding:20px 24px\">";
    }

    private static String banner(String colour, String eyebrow, String title) {
        return "<div style=\"font-size:12px;font-weight:700;letter-spacing:.04em;color:" + colour + "\">"
                + escape(eyebrow) + "</div><h2 style=\"font-size:20px;margin:4px 0 0\">" + escape(title) + "</h2>";
    }

    private static String table(Map<String, String> facts) {
        StringBuilder table = new StringBuilder("<table style=\"border-collapse:collapse;font-size:14px\">");
        facts.forEach((title, value) -> table.append("<tr><td style=\"padding:3px 16px 3px 0;font-weight:600;"
                + "vertical-align:top;white-space:nowrap\">").append(escape(title)).append("</td><td style=\"padding:3px 0\">")
                .append(escape(value)).append("</td></tr>"));
        return table.append("</table>").toString();
    }

    private static String button(String url) {
        return "<p style=\"margin:18px 0 4px\"><a href=\"" + escape(url) + "\" style=\"background:#0f6cbd;"
                + "color:#ffffff;padding:8px 16px;border-radius:4px;text-decoration:none;font-weight:600\">"
                + "Open in Azure portal</a></p>";
    }

    private static String end(String note) {
        return (note == null ? "" : "<p style=\"color:#835b00;margin:16px 0 0\">" + escape(note) + "</p>")
                + "<p style=\"color:#707070;font-size:12px;margin:24px 0 0\">" + escape(FOOTER)
                + "</p></div></body></html>";
    }

    private static void appendText(StringBuilder text, String note) {
        if (note != null) {
            text.append('\n').append(note).append('\n');
        }
        text.append("\n--\n").append(FOOTER).append('\n');
    }

    private static String th(String title) {
        return "<th style=\"text-align:left;border-bottom:1px solid #d1d1d1;padding:4px 12px 4px 0\">" + title
                + "</th>";
    }

    private static String td(String html) {
        return "<td style=\"border-bottom:1px solid #ebebeb;padding:4px 12px 4px 0;vertical-align:top\">" + html
                + "</td>";
    }

    private static String colour(Severity severity, Notice notice) {
        return switch (notice.kind()) {
            case EXPIRED, ROTATION_FAILED, REVOKED, EMERGENCY_REVOKED -> "#c4314b";
            case APPROVAL_REQUESTED, RETIRED -> "#d19f00";
            case APPROVAL_WITHDRAWN -> "#0f6cbd";
            case NEAR_EXPIRY, EVENTS_HELD -> severity == Severity.INFO ? "#0f6cbd" : "#d19f00";
            case ROTATED -> severity == Severity.INFO ? "#107c10" : "#d19f00";
        };
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
