package io.kvrotator.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Decides, per call, whether a stand-in misbehaves: added latency, a canned error response, or a dropped
 * connection. {@link #none()} lets every call through untouched.
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
     */
    record Injection(long delayMillis, StandIn.Response response, boolean dropConnection, boolean answerLost,
                     Runnable beforeAnswer) {
        public static final Injection NONE = new Injection(0, null, false);

        public Injection(long delayMillis, StandIn.Response response, boolean dropConnection) {
            this(delayMillis, response, dropConnection, false, null);
        }

        public static Injection afterHandlingDropAnswer() {
            return new Injection(0, null, false, true, null);
        }

        /** Handles the call, then runs {@code pause} before answering: a caller that is slow to get its answer. */
        public static Injection pauseBeforeAnswer(Runnable pause) {
            return new Injection(0, null, false, false, pause);
        }
    }
}
