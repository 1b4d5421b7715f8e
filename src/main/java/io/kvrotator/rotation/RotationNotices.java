package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What the rotation core tells people, built from attributes and tags only. */
final class RotationNotices {

    private RotationNotices() {
    }

    /**
     * Info, or raised when the secret had expired: a warning when only the version had expired (a storage key
     * keeps working), an error when the credential expires with it (an app password: consumers could not sign in).
     */
    static Notice rotated(RotationRequest request, SecretVersion previous, RotationOutcome.Rotated rotated) {
        boolean outage = request.expired() && rotated.credentialExpires();
        Severity severity = outage ? Severity.ERROR : request.expired() ? Severity.WARNING : Severity.INFO;
        return new Notice(NoticeKind.ROTATED, severity,
                rotated.secret().vault(), rotated.secret().name(), "secret", rotated.expiresOn(), owners(previous),
                "Rotated: " + rotated.credentialId() + " is now in version " + rotated.newVersion(),
                (outage ? "The previous version had already expired, and its credential with it. "
                        : request.expired() ? "The previous version had already expired. " : "")
                        + "Reason: " + request.reason() + ", by " + request.trigger().auditValue()
                        + ". Consumers that read the secret by name pick up the new version; "
                        + (outage ? "until they do, those still using version " + rotated.previousVersion()
                        + " cannot authenticate: restart them if they cache it."
                        : "version " + rotated.previousVersion() + " keeps working until they do."));
    }

    /** @param version the version whose rotation failed; null when the secret could not be read */
    static Notice failed(RotationRequest request, SecretVersion latest, String version, Failure failure) {
        boolean retrying = failure instanceof Failure.Retryable;
        return new Notice(NoticeKind.ROTATION_FAILED, Severity.ERROR, request.secret().vault(),
                request.secret().name(), "secret", latest == null ? null : latest.expiresOn(), owners(latest),
                "Rotation failed at step " + failure.step(),
                failure.message() + (retrying
                        ? ". It will be retried; this is said once per version: if the secret still nears expiry, rotate"
                        + " by hand (POST /api/secrets/" + path(request.secret()) + "/rotate) once the cause is fixed."
                        : ". It will not be retried: fix the cause, then rotate by hand (POST /api/secrets/"
                        + path(request.secret()) + "/rotate).")
                        + (version == null ? "" : " (version " + version + ")"));
    }

    static Notice notifyOnly(RotationRequest request, SecretVersion latest, Instant now) {
        boolean expired = latest.expiresOn() != null && !latest.expiresOn().isAfter(now);
        return new Notice(expired ? NoticeKind.EXPIRED : NoticeKind.NEAR_EXPIRY,
                expired ? Severity.ERROR : Severity.WARNING, request.secret().vault(), request.secret().name(),
                "secret", latest.expiresOn(), owners(latest),
                expired ? "Expired, and nothing rotates it automatically" : "Expires soon, and nothing rotates it"
                        + " automatically",
                "The secret has no " + Tags.CREDENTIAL_TYPE + " tag. Replace the value by hand and set a new expiry,"
                        + " or tag it so kv-rotator can rotate it.");
    }

    static Notice revoked(RevocationRequest request, RevocationOutcome.Revoked revoked, SecretVersion kept) {
        String emergency = request.emergency() ? RevocationRequest.EMERGENCY_APPROVAL.toUpperCase(Locale.ROOT)
                + ": " : "";
        return new Notice(request.emergency() ? NoticeKind.EMERGENCY_REVOKED : NoticeKind.REVOKED,
                request.emergency() ? Severity.ERROR : Severity.WARNING, revoked.secret().vault(), revoked.secret().name(),
                "secret", kept.expiresOn(), owners(kept), emergency + "Revoked: only " + revoked.credentialId()
                        + " (version " + revoked.version() + ") still works",
                emergency + "Reason: " + request.reason() + ". Requested by " + request.caller() + (request.emergency()
                        ? ", who named " + request.approvedBy() + " as approver; no second person approved it in"
                        + " kv-rotator (setting ROTATOR_EMERGENCY_REVOCATION is on)" : ", approved by "
                        + request.approvedBy()) + ". Every other credential was invalidated and "
                        + revoked.disabledVersions().size() + " older version(s) disabled: consumers must read the"
                        + " secret again now.");
    }

    private static List<String> owners(SecretVersion version) {
        return version == null ? List.of() : Tags.owners(version.tags());
    }

    private static String path(SecretRef secret) {
        return secret.vault() + "/" + secret.name();
    }
}
