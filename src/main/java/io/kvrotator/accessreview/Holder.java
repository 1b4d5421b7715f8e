package io.kvrotator.accessreview;

/**
 * Who holds a role: the principal's object ID and kind, and for a user what the directory says of them.
 *
 * @param guest true or false for a user the directory described, null when unknown (or not a user)
 */
public record Holder(String principalId, PrincipalKind kind, String displayName, String userPrincipalName,
                     Boolean guest) {

    /** e.g. {@code user Alice Smith (alice@contoso.com)} or {@code service principal 3f2a...}. */
    public String label() {
        if (userPrincipalName != null) {
            return kind.label() + " " + (displayName == null ? "" : displayName + " ") + "(" + userPrincipalName + ")";
        }
        return kind.label() + " " + (displayName == null ? principalId : displayName + " (" + principalId + ")");
    }
}
