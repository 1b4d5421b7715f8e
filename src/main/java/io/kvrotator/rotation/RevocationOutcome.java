package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;
import java.util.List;

public sealed interface RevocationOutcome {

    SecretRef secret();

    /**
     * Every credential but the one {@code version} holds is invalid and every other version disabled.
     *
     * @param rotated false when an earlier request (or another rotation) had already replaced the compromised one
     */
    record Revoked(SecretRef secret, String version, String credentialId, boolean rotated,
                   List<String> disabledVersions) implements RevocationOutcome {
    }

    record Failed(SecretRef secret, Failure failure) implements RevocationOutcome {
    }

    record NotFound(SecretRef secret) implements RevocationOutcome {
    }
}
