package io.kvrotator.api;

/**
 * The person an emergency revocation's caller names as approving it outside kv-rotator: recorded (marked as
 * approving nothing in kv-rotator), never authenticated, but at least not the caller under another name.
 */
final class EmergencyApprovers {

    private EmergencyApprovers() {
    }

    /** The named approver, normalised; refused when it is the caller under any name, however written, or no principal. */
    static String named(String approvedBy, Caller caller) {
        if (caller.isKnownAs(approvedBy)) {
            throw new BadRequest(400, "Invalid approver", "approvedBy must name someone other than the caller ("
                    + caller.name() + "): revocation needs a second person");
        }
        PrincipalNames.problem(approvedBy).ifPresent(problem -> {
            throw new BadRequest(400, "Invalid approver", "approvedBy " + problem);
        });
        return PrincipalNames.normalise(approvedBy);
    }
}
