package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.publish.SecretEvent;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** What the rotation core tells machines, built from attributes and tags only. */
final class RotationEvents {

    private static final String HTTP = "http:";

    private RotationEvents() {
    }

    /**
     * The announcement of a version a rotation (or a revocation's rotation) stored, from the version's own audit
     * tags: whoever announces it, first or on a retry, sends the same event.
     */
    static Optional<SecretEvent.Rotated> rotated(SecretVersion stored) {
        Optional<String> previous = stored.tag(Tags.PREVIOUS_VERSION);
        Optional<String> credentialId = stored.tag(Tags.CREDENTIAL_ID);
        if (previous.isEmpty() || credentialId.isEmpty() || stored.tag(Tags.ROTATED_AT).isEmpty()) {
            return Optional.empty();
        }
        String trigger = stored.tag(Tags.ROTATED_BY).orElse(null);
        return Optional.of(new SecretEvent.Rotated(stored.ref(), rotatedAt(stored), stored.version(), previous.get(),
                credentialId.get(), stored.expiresOn(), trigger, stored.tag(Tags.ROTATION_REASON).orElse(null),
                trigger != null && trigger.startsWith(HTTP) ? trigger.substring(HTTP.length()) : null));
    }

    /** Whether {@code latest} is what a rotation of {@code seenVersion} stored: a retry finds its work done. */
    static boolean rotationOf(SecretVersion latest, String seenVersion) {
        return seenVersion != null && latest.tag(Tags.PREVIOUS_VERSION)
                .filter(previous -> previous.toLowerCase(Locale.ROOT).equals(seenVersion.toLowerCase(Locale.ROOT)))
                .isPresent();
    }

    static SecretEvent.RotationFailed failed(RotationRequest request, SecretVersion latest, String version,
                                             Failure failure, Instant now) {
        return new SecretEvent.RotationFailed(request.secret(), now, version,
                latest == null ? null : latest.expiresOn(), request.trigger().auditValue(), request.reason(),
                failure.step().label(), failure instanceof Failure.Retryable,
                failure.message());
    }

    static SecretEvent.Revoked revoked(RevocationRequest request, RevocationOutcome.Revoked revoked,
                                       SecretVersion kept, Instant now) {
        return new SecretEvent.Revoked(revoked.secret(), now, revoked.version(), revoked.credentialId(),
                kept.expiresOn(), revoked.how().name().toLowerCase(Locale.ROOT),
                revoked.disabledVersions(), request.compromisedVersion(), request.reason(), request.caller(),
                request.approvedBy());
    }

    private static Instant rotatedAt(SecretVersion stored) {
        try {
            return Instant.parse(stored.tag(Tags.ROTATED_AT).orElseThrow());
        } catch (DateTimeParseException e) {
            return stored.createdOn();
        }
    }
}
