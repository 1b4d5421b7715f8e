package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.vault.SecretRef;
import java.util.List;

public sealed interface RevocationOutcome {

    SecretRef secret();

    /** How a revocation that succeeded got there. */
    enum How {
        /** The compromised credential was replaced by a new one, then invalidated. */
        ROTATED,
        /** An older version was compromised: every credential but the latest one's was invalidated. */
        INVALIDATED,
        /** The latest version was made by a revocation already: the invalidation was checked again. */
        ALREADY_REVOKED
    }

    /**
     * Every credential but the one {@code version} holds is invalid, checked at the provider, and every other version
     * is disabled and tagged.
     */
    record Revoked(SecretRef secret, String version, String credentialId, How how,
                   List<String> disabledVersions) implements RevocationOutcome {
    }

    record Failed(SecretRef secret, Failure failure) implements RevocationOutcome {
    }

    record NotFound(SecretRef secret) implements RevocationOutcome {
    }
}
