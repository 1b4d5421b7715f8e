package io.kvrotator.governance;

import java.time.Duration;
import java.util.List;

/**
 * The rules of the two-person flow, from the app settings.
 *
 * @param approverRole        the app role a second person needs to approve ({@code ROTATOR_APPROVER_ROLE})
 * @param expiry              how long a request may be approved ({@code ROTATOR_APPROVAL_EXPIRY_HOURS})
 * @param approvers           addresses and Teams routes that hear about every request, besides the secret's owners
 *                            ({@code ROTATOR_APPROVERS_NOTIFY_TO})
 * @param emergencyRevocation whether a single person may revoke at once ({@code ROTATOR_EMERGENCY_REVOCATION})
 */
public record ApprovalPolicy(String approverRole, Duration expiry, List<String> approvers,
                             boolean emergencyRevocation) {

    public ApprovalPolicy {
        approvers = List.copyOf(approvers);
    }
}
