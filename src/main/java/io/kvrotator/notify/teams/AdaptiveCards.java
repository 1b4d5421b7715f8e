package io.kvrotator.notify.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.notify.Digest;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeWording;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.notify.Severity;
import io.kvrotator.support.Lazy;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Workflows webhook body: a {@code message} envelope with one Adaptive Card (schema 1.4, which Teams
 * renders). Severity shows as the container style and colour of the header: attention for expired and failed.
 */
public final class AdaptiveCards {

    public static final String VERSION = "1.4";
    /** Teams refuses posts over about 28 KB: a digest card lists at most this many items. */
    static final int MAX_DIGEST_ENTRIES = 40;
    /** Built on first use rather than with the context: see {@code WarmUp.json}. */
    private static final Lazy<ObjectMapper> JSON = Lazy.of(ObjectMapper::new);

    private final PortalLinks links;
    private final Clock clock;

    public AdaptiveCards(PortalLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    /** {@code {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",...}]}} */
    public ObjectNode envelope(ObjectNode card) {
        ObjectNode message = JSON.get().createObjectNode().put("type", "message");
        message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl")
                .set("content", card);
        return message;
    }

    public ObjectNode notice(Notice notice, List<String> failedChannels) {
        ObjectNode card = card(notice.summary());
        ArrayNode body = card.withArray("body");
        body.add(header(style(notice),
                NoticeWording.headline(notice).toUpperCase(Locale.ROOT) + " · " + notice.objectKind(),
                notice.objectName()));
        body.add(text(notice.summary()).put("weight", "bolder"));
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, NoticeWording.locationLabel(notice.objectKind()), notice.location());
        fact(facts, "Object", notice.objectName());
        fact(facts, "Kind", notice.objectKind());
        fact(facts, "Expires", ExpiryText.expiry(notice.expiresOn(), clock.instant()));
        fact(facts, "Owner", NoticeWording.owners(notice.owners()));
        fact(facts, "Outcome", NoticeWording.outcome(notice));
        if (notice.detail() != null && !notice.detail().isBlank()) {
            body.add(text(notice.detail()));
        }
        fallbackNote(body, failedChannels);
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Azure portal")
                .put("url", links.of(notice.objectKind(), notice.location(), notice.objectName()));
        return card;
    }

    /** One card for the given owner groups of a digest. */
    public ObjectNode digest(Digest digest, Map<String, List<Digest.Entry>> groups, List<String> failedChannels) {
        ObjectNode card = card("Daily expiry digest: " + NoticeWording.digestTitle(digest));
        ArrayNode body = card.withArray("body");
        body.add(header(digest.severity() == Severity.ERROR ? "attention" : "warning", "DAILY EXPIRY DIGEST",
                NoticeWording.digestTitle(digest)));
        body.add(text("As of " + ExpiryText.utc(digest.asOf())).put("isSubtle", true));
        int shown = 0;
        int total = groups.values().stream().mapToInt(List::size).sum();
        for (Map.Entry<String, List<Digest.Entry>> group : groups.entrySet()) {
            if (shown >= MAX_DIGEST_ENTRIES) {
                break;
            }
            body.add(text(NoticeWording.ownerHeading(group.getKey())).put("weight", "bolder").put("separator", true)
                    .put("spacing", "medium"));
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            for (Digest.Entry entry : group.getValue()) {
                if (shown++ >= MAX_DIGEST_ENTRIES) {
                    break;
                }
                fact(facts, entry.objectName(), status(entry, digest) + " · " + entry.objectKind() + " in "
                        + entry.location());
            }
        }
        if (total > MAX_DIGEST_ENTRIES) {
            body.add(text("…and " + (total - MAX_DIGEST_ENTRIES) + " more: see GET /api/expiries.")
                    .put("isSubtle", true));
        }
        fallbackNote(body, failedChannels);
        return card;
    }

    private static String status(Digest.Entry entry, Digest digest) {
        return NoticeWording.digestStatus(entry, entry.expiresOn() == null ? ""
                : ExpiryText.daysLeftText(entry.expiresOn(), digest.asOf()) + " (" + ExpiryText.utc(entry.expiresOn())
                + ")");
    }

    private static ObjectNode card(String fallbackText) {
        ObjectNode card = JSON.get().createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard").put("version", VERSION).put("fallbackText", fallbackText);
        card.putArray("body");
        return card;
    }

    private static ObjectNode header(String style, String eyebrow, String title) {
        ObjectNode container = JSON.get().createObjectNode().put("type", "Container").put("style", style)
                .put("bleed", true);
        ArrayNode items = container.putArray("items");
        items.add(text(eyebrow).put("size", "small").put("weight", "bolder").put("color", colour(style)));
        items.add(text(title).put("size", "large").put("weight", "bolder").put("spacing", "none"));
        return container;
    }

    /** Every TextBlock and fact goes through here, escaped: free text shows literally, never as Markdown. */
    private static ObjectNode text(String text) {
        return JSON.get().createObjectNode().put("type", "TextBlock").put("text", CardText.escape(text))
                .put("wrap", true);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", CardText.escape(title)).put("value", CardText.escape(value));
    }

    private static void fallbackNote(ArrayNode body, List<String> failedChannels) {
        if (!failedChannels.isEmpty()) {
            body.add(text(NoticeWording.fallbackNote(failedChannels, "teams")).put("isSubtle", true)
                    .put("color", "warning"));
        }
    }

    private static String style(Notice notice) {
        return switch (notice.kind()) {
            case EXPIRED, ROTATION_FAILED, REVOKED, EMERGENCY_REVOKED -> "attention";
            case APPROVAL_REQUESTED, RETIRED -> "warning";
            case APPROVAL_WITHDRAWN -> "emphasis";
            case NEAR_EXPIRY, EVENTS_HELD -> notice.severity() == Severity.INFO ? "emphasis" : "warning";
            case ROTATED -> notice.severity() == Severity.INFO ? "good" : "warning";
        };
    }

    private static String colour(String style) {
        return switch (style) {
            case "attention" -> "attention";
            case "warning" -> "warning";
            case "good" -> "good";
            default -> "accent";
        };
    }
}
