package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to rotate one secret.
 *
 * @param seenVersion the version the requester saw (an event's version); null when the caller wants the latest
 *                    version rotated whatever it is
 * @param seenAt      when the requester saw it (the event time); null with {@code seenVersion}
 * @param reason      recorded in the {@code RotationReason} tag, e.g. {@code SecretNearExpiry}
 * @param expired     the secret has expired already: notices are raised in severity
 */
public record RotationRequest(
        SecretRef secret, Trigger trigger, String reason, String seenVersion, Instant seenAt, boolean expired) {

    public RotationRequest {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(reason, "reason");
    }
}
