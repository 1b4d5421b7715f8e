package io.kvrotator.governance;

import io.kvrotator.rotation.RetirementOutcome;
import io.kvrotator.rotation.RetirementRequest;
import io.kvrotator.rotation.Retirer;
import io.kvrotator.rotation.RevocationOutcome;
import io.kvrotator.rotation.RevocationRequest;
import io.kvrotator.rotation.Revoker;

/**
 * Carries out an approved request through the {@link Revoker} or the {@link Retirer}, with the requester, the
 * approver, the reason and (for a revocation) the version shown to the approver, which their tags and notices
 * record.
 */
final class ApprovedChanges {

    /** How a change ended, and for a completed one what the request records of it. */
    record Carried(ApprovalOutcome outcome, String completed, String failure) {
    }

    private final Revoker revoker;
    private final Retirer retirer;

    ApprovedChanges(Revoker revoker, Retirer retirer) {
        this.revoker = revoker;
        this.retirer = retirer;
    }

    Carried carryOut(ApprovalRequest request, String approvedBy) {
        return switch (request.kind()) {
            case REVOCATION -> revoked(request, revoker.revoke(new RevocationRequest(request.secret(),
                    request.requester().name(), request.reason(), approvedBy, request.change().compromisedVersion())));
            case RETIREMENT -> retired(request, retirer.retire(new RetirementRequest(request.secret(),
                    request.requester().name(), request.reason(), approvedBy)));
        };
    }

    private static Carried revoked(ApprovalRequest request, RevocationOutcome outcome) {
        ApprovalOutcome revoked = new ApprovalOutcome.Revoked(request, outcome);
        if (outcome instanceof RevocationOutcome.Revoked done) {
            return new Carried(revoked, "revoked: only " + done.credentialId() + " (version " + done.version()
                    + ") still works; " + done.disabledVersions().size() + " version(s) disabled", null);
        }
        if (outcome instanceof RevocationOutcome.Failed failed) {
            return new Carried(revoked, null, "step " + failed.failure().step() + ": " + failed.failure().message());
        }
        return new Carried(revoked, "the secret no longer exists", null);
    }

    private static Carried retired(ApprovalRequest request, RetirementOutcome outcome) {
        ApprovalOutcome retired = new ApprovalOutcome.Retired(request, outcome);
        if (outcome instanceof RetirementOutcome.Retired done) {
            return new Carried(retired, "retired: " + done.disabledVersions().size() + " version(s) disabled; "
                    + (done.atProvider() instanceof RetirementOutcome.Invalidated invalidated
                    ? invalidated.credentials().size() + " credential(s) invalidated"
                    : "still to do at the provider: " + ((RetirementOutcome.LeftToOwners) done.atProvider())
                    .remainingWork()), null);
        }
        if (outcome instanceof RetirementOutcome.Failed failed) {
            return new Carried(retired, null, "step " + failed.failure().step() + ": " + failed.failure().message());
        }
        return new Carried(retired, "the secret no longer exists", null);
    }
}
