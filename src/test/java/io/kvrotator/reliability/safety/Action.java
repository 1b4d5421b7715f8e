package io.kvrotator.reliability.safety;

import io.kvrotator.reliability.safety.Scenario.Secret;

/** One step of a generated sequence: what happens to the world next. */
sealed interface Action {

    /** Faults and interruptions apply to actions that run the app; clock steps and retags have none. */
    default Fault fault() {
        return null;
    }

    default Interruption interruption() {
        return null;
    }

    /** Which event Event Grid delivers: for the latest version, for the oldest one (stale), or the last one again. */
    enum Freshness { LATEST, STALE, REPEAT }

    /** What a tagger with write access to the vault claims in the tags of the latest version. */
    enum Lie { HONEST, CREDENTIAL_ID_FLIPPED, VICTIM_ACCOUNT_OR_APP, OUTSIDE_THE_SCOPE }

    record Deliver(Secret secret, boolean expired, Freshness which, int worker, Fault fault,
                   Interruption interruption) implements Action {
    }

    /** Event Grid delivers again the oldest delivery whose function threw. */
    record Redeliver(int worker, Fault fault, Interruption interruption) implements Action {
    }

    record Rotate(Secret secret, int worker, Fault fault, Interruption interruption) implements Action {
    }

    record Revoke(Secret secret, int worker, Fault fault, Interruption interruption) implements Action {
    }

    record Sweep(int worker, Fault fault, Interruption interruption) implements Action {
    }

    record Advance(int days) implements Action {
    }

    record Retag(Secret secret, Lie lie) implements Action {
    }

    /** An injected failure of the {@code nth} call the action makes to {@code service}. */
    record Fault(String service, int nth, Kind kind) {
        /** OUTAGE and ANSWER_LOST_THEN_OUTAGE go on failing the calls after the nth long enough to outlast retries. */
        enum Kind { THROTTLED, SERVER_ERROR, RESET, ANSWER_LOST, TIMEOUT, OUTAGE, ANSWER_LOST_THEN_OUTAGE }
    }

    /**
     * What happens to the acting worker when it next reaches {@code point}: it dies there; or it pauses
     * while the other worker runs {@code other} (after losing the lease when {@code leaseLost}).
     */
    record Interruption(Point point, boolean dies, boolean leaseLost, Action other) {
    }
}
