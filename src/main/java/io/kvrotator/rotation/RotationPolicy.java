package io.kvrotator.rotation;

import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;

/** Decides whether a request should rotate the latest version of a secret. The checks run in order. */
public final class RotationPolicy {

    private final Duration nearExpiryWindow;
    private final Duration minimumAge;

    /**
     * @param nearExpiryWindow how long before expiry a version counts as near expiry (Key Vault uses 30 days), with
     *                         the tolerated clock skew already added
     * @param minimumAge       how old the latest version must be before it is rotated again
     */
    public RotationPolicy(Duration nearExpiryWindow, Duration minimumAge) {
        this.nearExpiryWindow = nearExpiryWindow;
        this.minimumAge = minimumAge;
    }

    public Duration nearExpiryWindow() {
        return nearExpiryWindow;
    }

    public RotationDecision decide(SecretVersion latest, RotationRequest request, Instant now) {
        // 0. Retired without replacement: events, the sweep and engineers alike leave it alone.
        if (latest.tag(Tags.RETIRED_AT).isPresent()) {
            return new RotationDecision.Skip("the secret was retired at " + latest.tag(Tags.RETIRED_AT).get() + " ("
                    + latest.tag(Tags.RETIREMENT_REASON).orElse("no reason recorded") + "): nothing rotates it; write a"
                    + " new version by hand to use it again");
        }
        // 1. The requester saw an older version. Unless the latest one also needs rotating and predates the
        //    request (an event for it was lost), someone rotated since: duplicates and retries end here.
        if (request.seenVersion() != null && !request.seenVersion().equalsIgnoreCase(latest.version())) {
            // An event time from the future (a forged or skewed event) counts as now.
            Instant seenAt = request.seenAt() == null || request.seenAt().isBefore(now) ? request.seenAt() : now;
            boolean latestPredatesRequest = seenAt != null && latest.createdOn() != null
                    && latest.createdOn().isBefore(seenAt);
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
            return new RotationDecision.NotifyOnly();
        }
        // 4. Rotated a moment ago (a client retrying, two engineers at once): consumers of the version before it
        //    would lose their credential before they could read the new one.
        if (latest.createdOn() != null && now.isBefore(latest.createdOn().plus(minimumAge))) {
            return new RotationDecision.TooSoon(latest.createdOn().plus(minimumAge));
        }
        // 5. Rotate.
        return new RotationDecision.Rotate();
    }
}
