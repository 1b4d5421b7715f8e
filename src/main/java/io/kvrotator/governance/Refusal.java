package io.kvrotator.governance;

/** Why an approval or a withdrawal was refused; a refusal changes nothing. */
public record Refusal(Reason reason, String message) {

    public enum Reason {
        /** The requester cannot approve their own request, under any of their names. */
        SAME_PERSON,
        /** The approver lacks the approver app role. */
        NOT_AN_APPROVER,
        /** Only the requester or an approver may withdraw. */
        NOT_REQUESTER_OR_APPROVER,
        EXPIRED,
        WITHDRAWN,
        /** Approved and carried out already. */
        COMPLETED,
        /** Approved and being carried out right now. */
        IN_PROGRESS,
        /** Someone else approved or withdrew it between reading and writing it. */
        CHANGED_MEANWHILE
    }
}
