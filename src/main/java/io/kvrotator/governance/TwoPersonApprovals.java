package io.kvrotator.governance;

import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.rotation.ChangeImpact;
import io.kvrotator.rotation.ChangeImpacts;
import io.kvrotator.rotation.Retirer;
import io.kvrotator.rotation.RevocationOutcome;
import io.kvrotator.rotation.RevocationRequest;
import io.kvrotator.rotation.Revoker;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The two-person rule for revocation and retirement (README, Revocation): one authenticated person asks, and is told
 * with the owners and the approvers exactly what will stop working; a second person holding the approver role
 * approves, and only then does the change run. Refusals change nothing. A single-person revocation exists only while
 * {@link ApprovalPolicy#emergencyRevocation()} is on, and says so in its tags and notice.
 */
public final class TwoPersonApprovals {

    private static final System.Logger LOG = System.getLogger(TwoPersonApprovals.class.getName());

    private final ApprovalRequests requests;
    private final ChangeImpacts impacts;
    private final Revoker revoker;
    private final ApprovedChanges changes;
    private final NoticeDispatcher notices;
    private final ApprovalPolicy policy;
    private final ApprovalRules rules;
    private final Clock clock;

    public TwoPersonApprovals(ApprovalRequests requests, ChangeImpacts impacts, Revoker revoker, Retirer retirer,
                              NoticeDispatcher notices, ApprovalPolicy policy, Clock clock) {
        this.requests = requests;
        this.impacts = impacts;
        this.revoker = revoker;
        this.changes = new ApprovedChanges(revoker, retirer);
        this.notices = notices;
        this.policy = policy;
        this.rules = new ApprovalRules(policy.approverRole());
        this.clock = clock;
    }

    /**
     * Records a revocation for approval and tells the owners and approvers what it will stop; empty when the secret
     * does not exist. Throws what the revocation itself would fail with, recording nothing.
     *
     * @param namedVersion the version the requester says is compromised; null: the latest
     */
    public Optional<ApprovalRequest> requestRevocation(SecretRef secret, String namedVersion, String reason,
                                                       Principal requester) {
        return impacts.revocation(secret, namedVersion)
                .map(impact -> record(ChangeKind.REVOCATION, secret, impact, reason, requester));
    }

    /** Records a retirement for approval, as {@link #requestRevocation} does. */
    public Optional<ApprovalRequest> requestRetirement(SecretRef secret, String reason, Principal requester) {
        return impacts.retirement(secret).map(impact -> record(ChangeKind.RETIREMENT, secret, impact, reason,
                requester));
    }

    /** Carries the request out if {@code approver} may approve it now; otherwise refuses, changing nothing. */
    public ApprovalOutcome approve(String id, Principal approver) {
        Optional<ApprovalRequests.Stored> found = requests.find(id);
        if (found.isEmpty()) {
            return new ApprovalOutcome.NotFound(id);
        }
        ApprovalRequest request = found.get().request();
        Instant now = clock.instant();
        Optional<Refusal> refusal = rules.toApprove(request, approver, now);
        if (refusal.isPresent()) {
            return refused(request, "approve", approver, refusal.get());
        }
        ApprovalRequest approving = request.withDecision(new Decision.Approving(approver.name(), now));
        Optional<String> version = requests.replace(approving, found.get().version());
        if (version.isEmpty()) {
            return changedMeanwhile(request, "approve", approver);
        }
        LOG.log(Level.WARNING, () -> "approval.approved id=%s kind=%s secret=%s requestedBy=%s approvedBy=%s"
                .formatted(id, request.kind().label(), request.secret(), request.requester().name(), approver.name()));
        ApprovedChanges.Carried carried = changes.carryOut(approving, approver.name());
        Decision next = carried.completed() != null
                ? new Decision.Completed(approver.name(), clock.instant(), carried.completed())
                : new Decision.Pending("approved by " + approver.name() + " at " + now + ", but it did not complete ("
                + carried.failure() + "): approve again once the cause is fixed, or withdraw it");
        if (requests.replace(approving.withDecision(next), version.get()).isEmpty()) {
            LOG.log(Level.ERROR, () -> "approval.record_lost id=%s (changed while it ran)".formatted(id));
        }
        return carried.outcome();
    }

    /** Withdraws the request if {@code caller} asked for it or may approve it; otherwise refuses. */
    public ApprovalOutcome withdraw(String id, Principal caller) {
        Optional<ApprovalRequests.Stored> found = requests.find(id);
        if (found.isEmpty()) {
            return new ApprovalOutcome.NotFound(id);
        }
        ApprovalRequest request = found.get().request();
        Optional<Refusal> refusal = rules.toWithdraw(request, caller, clock.instant());
        if (refusal.isPresent()) {
            return refused(request, "withdraw", caller, refusal.get());
        }
        ApprovalRequest withdrawn = request.withDecision(new Decision.Withdrawn(caller.name(), clock.instant()));
        if (requests.replace(withdrawn, found.get().version()).isEmpty()) {
            return changedMeanwhile(request, "withdraw", caller);
        }
        LOG.log(Level.INFO, () -> "approval.withdrawn id=%s kind=%s secret=%s by=%s"
                .formatted(id, request.kind().label(), request.secret(), caller.name()));
        notices.publish(ApprovalNotices.withdrawn(withdrawn, caller.name()));
        return new ApprovalOutcome.Withdrawn(withdrawn);
    }

    /** The requests still waiting for approval (or being carried out), oldest first; forgets long-expired ones. */
    public List<ApprovalRequest> open() {
        Instant now = clock.instant();
        List<ApprovalRequest> open = new ArrayList<>();
        for (ApprovalRequest request : requests.list()) {
            if (request.forgettable(now)) {
                requests.delete(request.id());
            } else if (request.open(now)) {
                open.add(request);
            }
        }
        open.sort(Comparator.comparing(ApprovalRequest::requestedAt));
        return open;
    }

    /**
     * A single-person revocation, at once, only while {@code ROTATOR_EMERGENCY_REVOCATION} is on (empty when it is
     * off): its {@code ApprovedBy} tag and its notice say that nobody approved it.
     *
     * @param namedApprover whom the caller names as approving it outside kv-rotator; recorded, not authenticated
     */
    public Optional<RevocationOutcome> revokeInEmergency(SecretRef secret, String namedVersion, String reason,
                                                         String namedApprover, String caller) {
        if (!policy.emergencyRevocation()) {
            return Optional.empty();
        }
        LOG.log(Level.WARNING, () -> "approval.emergency_revocation secret=%s caller=%s named=%s (no second person)"
                .formatted(secret, caller, namedApprover));
        return Optional.of(revoker.revoke(new RevocationRequest(secret, caller, reason, namedApprover, namedVersion,
                true)));
    }

    /** Records a request for a second person's approval and tells the owners and approvers what it will stop. */
    private ApprovalRequest record(ChangeKind kind, SecretRef secret, ChangeImpact impact, String reason,
                                   Principal requester) {
        Instant now = clock.instant();
        List<String> notified = new ArrayList<>(Tags.owners(impact.latest().tags()));
        policy.approvers().stream().filter(approver -> !notified.contains(approver)).forEach(notified::add);
        ApprovalRequest request = new ApprovalRequest(UUID.randomUUID().toString(), kind, secret, reason,
                new ApprovalRequest.Requester(requester.name(), requester.aliases()), now, now.plus(policy.expiry()),
                new ApprovalRequest.Change(impact.compromisedVersion(), impact.summary(), impact.stopsWorking(),
                        notified, impact.latest().expiresOn()), new Decision.Pending(null));
        requests.create(request);
        LOG.log(Level.WARNING, () -> ("approval.requested id=%s kind=%s secret=%s requestedBy=%s reason=\"%s\""
                + " expiresAt=%s").formatted(request.id(), kind.label(), secret, requester.name(), reason,
                request.expiresAt()));
        notices.publish(ApprovalNotices.requested(request, policy.approverRole()));
        return request;
    }

    private static ApprovalOutcome refused(ApprovalRequest request, String action, Principal by, Refusal refusal) {
        LOG.log(Level.WARNING, () -> "approval.refused id=%s action=%s by=%s why=%s".formatted(request.id(), action,
                by.name(), refusal.reason()));
        return new ApprovalOutcome.Refused(refusal);
    }

    private static ApprovalOutcome changedMeanwhile(ApprovalRequest request, String action, Principal by) {
        return refused(request, action, by, new Refusal(Refusal.Reason.CHANGED_MEANWHILE, "request " + request.id()
                + " was approved or withdrawn by someone else at the same moment: look at it again"));
    }
}
