package io.kvrotator.rotation;

import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import java.time.Instant;

/** What a rotation of the latest version would do, worked out without changing anything. */
public sealed interface RotationPreview {

    record Planned(SecretVersion current, RotationPlan plan, Instant newExpiresOn) implements RotationPreview {
    }

    /** The secret exists but kv-rotator cannot rotate it; {@code reason} says why and what to fix. */
    record NotRotatable(SecretVersion current, String reason) implements RotationPreview {
    }

    record NotFound(SecretRef secret) implements RotationPreview {
    }
}
