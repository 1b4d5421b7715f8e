package io.kvrotator.failure;

import java.util.Locale;

/**
 * A step of the rotation and revocation protocols (DESIGN.md section 4), as named in a {@link Failure}. Its text
 * ({@link #label()}, also {@link #toString()}) is the lower-case word that log lines ({@code step=rotate}), notices
 * ({@code Rotation failed at step rotate}), HTTP problem details ({@code step rotate: ...}) and the notice ledger's
 * keys ({@code terminal-plan}) carry: it must not change.
 */
public enum Step {

    /** Reading the secret, checking its tags and asking the provider what the rotation would do (and proving). */
    PLAN,
    /** Taking the rotation lock of the secret. */
    LOCK,
    /** Issuing the new credential. */
    ROTATE,
    /** Checking that the service accepts the new credential. */
    VERIFY,
    /** Writing the new version to Key Vault. */
    STORE,
    /** Invalidating the previous credential once the overlap has passed. */
    RETIRE,
    /** Invalidating a compromised credential. */
    REVOKE,
    /** Disabling the versions that hold a revoked credential. */
    DISABLE,
    /** Waiting between the attempts of another step, when that wait was interrupted. */
    RETRY;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case word used in texts, e.g. {@code rotate}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
