package io.kvrotator.rotation;

import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;

/** Decides whether a request should rotate the latest version of a secret. The checks run in order. */
public final class RotationPolicy {

    private final Duration nearExpiryWindow;

    /** @param nearExpiryWindow how long before expiry a version counts as near expiry (Key Vault uses 30 days) */
    public RotationPolicy(Duration nearExpiryWindow) {
        this.nearExpiryWindow = nearExpiryWindow;
    }

    public RotationDecision decide(SecretVersion latest, RotationRequest request, Instant now) {
        // 1. The requester saw an older version. Unless the latest one also needs rotating and predates the
        //    request (an event for it was lost), someone rotated since: duplicates and retries end here.
        if (request.seenVersion() != null && !request.seenVersion().equalsIgnoreCase(latest.version())) {
            boolean latestPredatesRequest = request.seenAt() != null && latest.createdOn() != null
                    && latest.createdOn().isBefore(request.seenAt());
            if (!(latestPredatesRequest && latest.expiresWithin(nearExpiryWindow, now))) {
                return new RotationDecision.Skip("version " + request.seenVersion() + " is no longer the latest ("
                        + latest.version() + " is, expiring " + latest.expiresOn() + "): already rotated");
            }
        }
        // 2. An event for the latest version whose expiry was since moved out of the window: nothing to do.
        if (request.seenVersion() != null && !latest.expiresWithin(nearExpiryWindow, now)) {
            return new RotationDecision.Skip("latest version " + latest.version() + " is not near expiry any more"
                    + " (expires " + latest.expiresOn() + ")");
        }
        // 3. Nothing says how to rotate it: tell its owners instead.
        if (latest.tag(Tags.CREDENTIAL_TYPE).isEmpty()) {
            return new RotationDecision.NotifyOnly(latest);
        }
        // 4. Rotate.
        return new RotationDecision.Rotate(latest);
    }
}
