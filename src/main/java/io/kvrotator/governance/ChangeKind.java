package io.kvrotator.governance;

import java.util.Locale;

/** What a second person is asked to approve. */
public enum ChangeKind {
    /** Replace a compromised credential and invalidate every other one ({@code rotation.Revoker}). */
    REVOCATION,
    /** Invalidate every credential and disable every version, with no replacement ({@code rotation.Retirer}). */
    RETIREMENT;

    /** How the API and the notices name it, e.g. {@code revocation}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
