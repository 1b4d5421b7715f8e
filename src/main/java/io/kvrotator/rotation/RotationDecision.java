package io.kvrotator.rotation;

import io.kvrotator.vault.SecretVersion;

/** What {@link RotationPolicy} decided about the latest version of a secret. */
public sealed interface RotationDecision {

    record Rotate(SecretVersion current) implements RotationDecision {
    }

    record Skip(String reason) implements RotationDecision {
    }

    /** Nothing can rotate it (no {@code CredentialType}); its owners are told instead. */
    record NotifyOnly(SecretVersion current) implements RotationDecision {
    }
}
