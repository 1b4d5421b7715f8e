package io.kvrotator.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Decides, per call, whether a stand-in misbehaves: added latency, a canned error response, a dropped
 * connection, a lost answer, or a write held unanswered that lands later. {@link #none()} lets every call through untouched.
 */
@FunctionalInterface
public interface Faults {

    Injection next(String service, StandIn.Request request);

    static Faults none() {
        return (service, request) -> Injection.NONE;
    }

    /** The same latency on every call. */
    static Faults latency(long millis) {
        return (service, request) -> new Injection(millis, null, false);
    }

    /** Answers the first {@code times} matching calls with {@code response}. */
    static Faults failing(Predicate<StandIn.Request> matching, int times, StandIn.Response response) {
        return on(matching, times, new Injection(0, response, false));
    }

    /** Applies {@code injection} to the first {@code times} matching calls ({@code Integer.MAX_VALUE}: to all). */
    static Faults on(Predicate<StandIn.Request> matching, int times, Injection injection) {
        AtomicInteger left = new AtomicInteger(times);
        return (service, request) -> matching.test(request) && left.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) > 0
                ? injection : Injection.NONE;
    }

    /**
     * @param dropConnection drop the connection without handling the call
     * @param answerLost     handle the call (its effect lands), then drop the connection: the answer is lost
     * @param held           hold the call unanswered and let its effect land later ({@link #heldThenLanding})
     */
    record Injection(long delayMillis, StandIn.Response response, boolean dropConnection, boolean answerLost,
                     Runnable beforeAnswer, Held held) {
        public static final Injection NONE = new Injection(0, null, false);

        public Injection(long delayMillis, StandIn.Response response, boolean dropConnection) {
            this(delayMillis, response, dropConnection, false, null, null);
        }

        public static Injection afterHandlingDropAnswer() {
            return new Injection(0, null, false, true, null, null);
        }

        /** Handles the call, then runs {@code pause} before answering: a caller that is slow to get its answer. */
        public static Injection pauseBeforeAnswer(Runnable pause) {
            return new Injection(0, null, false, false, pause, null);
        }

        /**
         * A write the service took but applies late: the call is held unanswered for {@code holdMillis} (longer than
         * the client waits, so the client times out), then its connection is dropped; its effect lands only when the
         * stand-in meets the first later call that {@code landsWith} matches: just before handling it, or just after
         * answering it ({@code afterAnswer}). {@link StandIn#landHeld()} lands whatever is still held.
         */
        public static Injection heldThenLanding(long holdMillis, Predicate<StandIn.Request> landsWith,
                                                boolean afterAnswer) {
            return new Injection(0, null, false, false, null, new Held(holdMillis, landsWith, afterAnswer));
        }
    }

    /** See {@link Injection#heldThenLanding}. */
    record Held(long holdMillis, Predicate<StandIn.Request> landsWith, boolean afterAnswer) {
    }
}
