package io.kvrotator.notify;

import java.util.List;

/** The words both channels use, so that a card and an email about the same notice say the same thing. */
public final class NoticeWording {

    private NoticeWording() {
    }

    /** e.g. {@code Rotation failed} */
    public static String headline(Notice notice) {
        return switch (notice.kind()) {
            case ROTATED -> "Rotated";
            case ROTATION_FAILED -> "Rotation failed";
            case NEAR_EXPIRY -> "Expires soon";
            case EXPIRED -> "Expired";
            case REVOKED -> "Revoked";
            case EVENTS_HELD -> "Events held";
            case EMERGENCY_REVOKED -> "EMERGENCY revocation by one person";
            case APPROVAL_REQUESTED -> "Approval needed";
            case APPROVAL_WITHDRAWN -> "Request withdrawn";
            case RETIRED -> "Retired";
        };
    }

    /** What happened and whether someone must act. */
    public static String outcome(Notice notice) {
        return switch (notice.kind()) {
            case ROTATED -> "Rotated automatically: nothing to do";
            case ROTATION_FAILED -> "Rotation failed: action needed";
            case NEAR_EXPIRY -> "Not rotated automatically: action needed";
            case EXPIRED -> "Expired: action needed now";
            case REVOKED -> "Compromised credential revoked: consumers must read the secret again now";
            case EVENTS_HELD -> "Event Grid topic not taking events: check the topic and the function's role on it";
            case EMERGENCY_REVOKED -> "Revoked without a second person's approval: review it now; consumers must read"
                    + " the secret again";
            case APPROVAL_REQUESTED -> "A second person must approve: review what will stop working";
            case APPROVAL_WITHDRAWN -> "Withdrawn: nothing will change";
            case RETIRED -> "Retired: nothing rotates or alerts about it any more";
        };
    }

    /** The label of {@link Notice#location()}: a vault, or an application. */
    public static String locationLabel(String objectKind) {
        return objectKind != null && objectKind.startsWith("app ") ? "Application (client) ID" : "Vault";
    }

    public static String owners(List<String> owners) {
        return owners.isEmpty() ? "no Owner or NotifyTo tag (sent to the defaults)" : String.join(", ", owners);
    }

    /** e.g. {@code Teams delivery failed, so this came by email instead.} */
    public static String fallbackNote(List<String> failedChannels, String thisChannel) {
        String failed = String.join(" and ", failedChannels.stream().map(NoticeWording::channelName).toList());
        return Character.toUpperCase(failed.charAt(0)) + failed.substring(1) + " delivery failed, so this came by "
                + channelName(thisChannel) + " instead.";
    }

    private static String channelName(String channel) {
        return switch (channel) {
            case "teams" -> "Teams";
            case "email" -> "email";
            default -> channel;
        };
    }

    /**
     * e.g. {@code 1 expired, 2 expiring, 0 without expiry, 1 rotation failing, 2 access findings}: the parts after
     * the first three only when not zero.
     */
    public static String digestTitle(Digest digest) {
        String title = "%d expired, %d expiring, %d without expiry".formatted(digest.count(Digest.Status.EXPIRED),
                digest.count(Digest.Status.EXPIRING), digest.count(Digest.Status.NO_EXPIRY));
        long failing = digest.count(Digest.Status.ROTATION_FAILING);
        long refused = digest.count(Digest.Status.RECIPIENT_REFUSED);
        long findings = digest.count(Digest.Status.ACCESS_FINDING);
        long notChecked = digest.count(Digest.Status.ACCESS_NOT_CHECKED);
        return title + (failing > 0 ? ", " + failing + (failing == 1 ? " rotation" : " rotations") + " failing" : "")
                + (refused > 0 ? ", " + refused + " refused " + (refused == 1 ? "recipient" : "recipients") : "")
                + (findings > 0 ? ", " + findings + (findings == 1 ? " access finding" : " access findings") : "")
                + (notChecked > 0 ? ", access review incomplete" : "");
    }

    /**
     * What a digest line says about its item, given how the channel writes an expiry: e.g.
     * {@code rotation failing at step rotate: ... · 6 days left}, {@code no expiry set: policy gap}, then the
     * item's alternative, if any ({@code · could be replaced by a managed identity ...}).
     */
    public static String digestStatus(Digest.Entry entry, String expiry) {
        String status = switch (entry.status()) {
            case EXPIRED, EXPIRING -> expiry;
            case NO_EXPIRY -> "no expiry set: policy gap";
            case ROTATION_FAILING -> entry.detail() + (entry.expiresOn() == null ? "" : " · " + expiry);
            case RECIPIENT_REFUSED, ACCESS_FINDING, ACCESS_NOT_CHECKED -> entry.detail();
        };
        return entry.alternative() == null ? status : status + " · " + entry.alternative();
    }

    public static String ownerHeading(String owner) {
        return owner.equals(Digest.UNOWNED) ? "Items without an Owner or NotifyTo tag" : owner;
    }
}
