package io.kvrotator.reliability.safety;

import io.kvrotator.failure.Step;
import java.util.Locale;

/**
 * Where an {@link Action.Interruption} strikes the acting worker: where it shows its lease before a protocol
 * {@link Step} ({@code Lease.confirm}), where it lets go of the lease ({@code Lease.close}), or {@link #VERIFIED}.
 */
sealed interface Point {

    /** Where the worker lets go of its lease. */
    Point CLOSE = Fixed.CLOSE;

    /**
     * After the actor's new credential was verified and before it is stored: a model-only point, not a lease step
     * (no lease is shown there); the model holds back the answer to the verification call.
     */
    Point VERIFIED = Fixed.VERIFIED;

    /** Where the worker shows its lease before {@code step}. */
    static Point before(Step step) {
        return new Before(step);
    }

    record Before(Step step) implements Point {
        @Override
        public String toString() {
            return step.toString();
        }
    }

    enum Fixed implements Point {
        CLOSE, VERIFIED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
