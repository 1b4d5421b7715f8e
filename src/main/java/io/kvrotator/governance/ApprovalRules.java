package io.kvrotator.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may approve or withdraw a request, and when (README, Revocation): a second person holding the approver role
 * approves; the requester or an approver withdraws; nobody acts on a request that expired, was withdrawn or was
 * carried out. Changes nothing.
 */
final class ApprovalRules {

    /** An approved change that has not reported back after this is taken as interrupted, and may be approved again. */
    static final Duration APPROVING_TIMEOUT = Duration.ofMinutes(15);

    private final String approverRole;

    ApprovalRules(String approverRole) {
        this.approverRole = approverRole;
    }

    Optional<Refusal> toApprove(ApprovalRequest request, Principal approver, Instant now) {
        String kind = request.kind().label();
        if (request.requestedBy(approver)) {
            return refuse(Refusal.Reason.SAME_PERSON, approver.name() + " asked for this " + kind + " (as "
                    + request.requester().name() + "): a second person must approve it");
        }
        if (!approver.roles().contains(approverRole)) {
            return refuse(Refusal.Reason.NOT_AN_APPROVER, approver.name() + " does not have the app role "
                    + approverRole + ", which approving a " + kind + " needs");
        }
        return stateRefusal(request, now);
    }

    Optional<Refusal> toWithdraw(ApprovalRequest request, Principal caller, Instant now) {
        if (!request.requestedBy(caller) && !caller.roles().contains(approverRole)) {
            return refuse(Refusal.Reason.NOT_REQUESTER_OR_APPROVER, caller.name() + " neither asked for this "
                    + request.kind().label() + " nor has the app role " + approverRole + ": only they may withdraw it");
        }
        return stateRefusal(request, now);
    }

    private static Optional<Refusal> stateRefusal(ApprovalRequest request, Instant now) {
        Decision decision = request.decision();
        if (decision instanceof Decision.Withdrawn withdrawn) {
            return refuse(Refusal.Reason.WITHDRAWN, "request " + request.id() + " was withdrawn by "
                    + withdrawn.withdrawnBy() + " at " + withdrawn.at() + ": nothing was changed; ask again if needed");
        }
        if (decision instanceof Decision.Completed completed) {
            return refuse(Refusal.Reason.COMPLETED, "request " + request.id() + " was approved by "
                    + completed.approvedBy() + " and carried out at " + completed.at() + ": " + completed.outcome());
        }
        if (decision instanceof Decision.Approving approving
                && now.isBefore(approving.since().plus(APPROVING_TIMEOUT))) {
            return refuse(Refusal.Reason.IN_PROGRESS, "request " + request.id() + " was approved by "
                    + approving.approvedBy() + " at " + approving.since() + " and is being carried out");
        }
        if (request.expired(now)) {
            return refuse(Refusal.Reason.EXPIRED, "request " + request.id() + " expired at " + request.expiresAt()
                    + " without approval: nothing was changed; ask again if it is still needed");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(Refusal.Reason reason, String message) {
        return Optional.of(new Refusal(reason, message));
    }
}
