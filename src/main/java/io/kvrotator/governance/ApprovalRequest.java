package io.kvrotator.governance;

import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A revocation or retirement asked for by one person, carried out only once a second person approves it. Holds
 * names, reasons and descriptions of credentials, never a value.
 *
 * @param id        a random UUID, the request's name in the API
 * @param expiresAt after this, it can no longer be approved (setting {@code ROTATOR_APPROVAL_EXPIRY_HOURS})
 */
public record ApprovalRequest(String id, ChangeKind kind, SecretRef secret, String reason, Requester requester,
                              Instant requestedAt, Instant expiresAt, Change change, Decision decision) {

    /** How long a request is kept after it expired, so that a late approval is told what became of it. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    /** Who asked, under every name their claims gave, so that none of them can approve it. */
    public record Requester(String name, Set<String> aliases) {

        public Requester {
            aliases = Set.copyOf(aliases);
        }
    }

    /**
     * What the change will do, as shown to the approvers.
     *
     * @param compromisedVersion for a revocation, the version treated as compromised (see
     *                           {@code rotation.ChangeImpact}); null otherwise
     * @param notified           the secret's owners and the approvers, who hear about the request
     * @param secretExpiresOn    the latest version's expiry when the request was made
     */
    public record Change(String compromisedVersion, String summary, List<String> stopsWorking, List<String> notified,
                         Instant secretExpiresOn) {

        public Change {
            stopsWorking = List.copyOf(stopsWorking);
            notified = List.copyOf(notified);
        }
    }

    public ApprovalRequest withDecision(Decision next) {
        return new ApprovalRequest(id, kind, secret, reason, requester, requestedAt, expiresAt, change, next);
    }

    /** Whether {@code principal} asked for it, under any of its names. */
    public boolean requestedBy(Principal principal) {
        return principal.isKnownAs(requester.name()) || requester.aliases().stream().anyMatch(principal::isKnownAs);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Still waiting (or being carried out) and not expired: listed by {@code GET /api/revocations}. */
    public boolean open(Instant now) {
        return (decision instanceof Decision.Pending || decision instanceof Decision.Approving) && !expired(now);
    }

    /** Long enough past its expiry to be forgotten. */
    boolean forgettable(Instant now) {
        return now.isAfter(expiresAt.plus(KEPT_AFTER_EXPIRY));
    }
}
