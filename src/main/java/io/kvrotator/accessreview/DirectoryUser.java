package io.kvrotator.accessreview;

import java.util.Optional;

/** A user as Microsoft Graph describes it; {@code userType} is {@code Member} or {@code Guest}, null if not read. */
public record DirectoryUser(String objectId, String displayName, String userPrincipalName, String userType) {

    /**
     * Whether the user is a guest: from {@code userType}, else from a guest's tell-tale {@code #EXT#} user principal
     * name; empty when neither says.
     */
    public Optional<Boolean> guest() {
        if (userType != null) {
            return Optional.of(userType.equalsIgnoreCase("Guest"));
        }
        if (userPrincipalName != null && userPrincipalName.toUpperCase(java.util.Locale.ROOT).contains("#EXT#")) {
            return Optional.of(true);
        }
        return Optional.empty();
    }
}
