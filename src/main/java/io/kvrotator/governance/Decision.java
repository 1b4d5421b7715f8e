package io.kvrotator.governance;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** Where an approval request stands; stored with its {@code state}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "state")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Decision.Pending.class, name = "pending"),
        @JsonSubTypes.Type(value = Decision.Approving.class, name = "approving"),
        @JsonSubTypes.Type(value = Decision.Completed.class, name = "completed"),
        @JsonSubTypes.Type(value = Decision.Withdrawn.class, name = "withdrawn")})
public sealed interface Decision {

    /**
     * Waiting for a second person.
     *
     * @param lastAttempt why the last approval did not complete (the change is then approved again once its cause
     *                    is fixed); null when nobody approved it yet
     */
    record Pending(String lastAttempt) implements Decision {
    }

    /** Approved, and the change running since {@code since}: nobody else may approve it meanwhile. */
    record Approving(String approvedBy, Instant since) implements Decision {
    }

    /** Approved and carried out; {@code outcome} says what happened. */
    record Completed(String approvedBy, Instant at, String outcome) implements Decision {
    }

    /** Withdrawn by its requester or an approver: it will never run. */
    record Withdrawn(String withdrawnBy, Instant at) implements Decision {
    }
}
