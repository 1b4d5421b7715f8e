package io.kvrotator.governance;

import io.kvrotator.rotation.RetirementOutcome;
import io.kvrotator.rotation.RevocationOutcome;

/** What became of an approval or a withdrawal. */
public sealed interface ApprovalOutcome {

    record NotFound(String id) implements ApprovalOutcome {
    }

    record Refused(Refusal refusal) implements ApprovalOutcome {
    }

    record Withdrawn(ApprovalRequest request) implements ApprovalOutcome {
    }

    /** An approved revocation ran; {@code outcome} says how it ended. */
    record Revoked(ApprovalRequest request, RevocationOutcome outcome) implements ApprovalOutcome {
    }

    /** An approved retirement ran; {@code outcome} says how it ended. */
    record Retired(ApprovalRequest request, RetirementOutcome outcome) implements ApprovalOutcome {
    }
}
