package io.kvrotator.rotation;

import java.time.Instant;

/** What {@link RotationPolicy} decided about the latest version of a secret. */
public sealed interface RotationDecision {

    record Rotate() implements RotationDecision {
    }

    record Skip(String reason) implements RotationDecision {
    }

    /** Nothing can rotate it (no {@code CredentialType}); its owners are told instead. */
    record NotifyOnly() implements RotationDecision {
    }

    /** The latest version is younger than the minimum age: consumers may not have read it yet. */
    record TooSoon(Instant notBefore) implements RotationDecision {
    }
}
