package io.kvrotator.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded retry with exponential backoff (each wait doubles, up to a cap). Knows nothing of what it retries: the
 * caller says which errors are final (rethrown at once, unchanged) and turns {@link GaveUp} into its own error.
 */
public final class Retry {

    /** Sleeps; replaced in unit tests so that they do not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Every attempt failed (the last error is the cause), or the wait before the next attempt was interrupted (the
     * thread's interrupt flag is set again, and there is no cause).
     */
    public static final class GaveUp extends RuntimeException {

        private final int attempts;
        private final boolean interrupted;

        private GaveUp(int attempts, RuntimeException last, boolean interrupted) {
            super((interrupted ? "interrupted after " : "still failing after ") + attempts + " attempts", last);
            this.attempts = attempts;
            this.interrupted = interrupted;
        }

        /** How many attempts were made. */
        public int attempts() {
            return attempts;
        }

        /** True when the wait was interrupted, false when every attempt failed. */
        public boolean interrupted() {
            return interrupted;
        }
    }

    private final int attempts;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    public Retry(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    public static Retry withBackoff(int attempts, Duration firstDelay, Duration maxDelay) {
        return new Retry(attempts, firstDelay, maxDelay, duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Calls {@code action} until it returns, at most the configured number of times.
     *
     * @param isFinal which errors are not worth another attempt: they are rethrown at once
     * @throws GaveUp when no attempt returned
     */
    public <T> T call(Supplier<T> action, Predicate<? super RuntimeException> isFinal) {
        Duration delay = firstDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (isFinal.test(e)) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw new GaveUp(attempt, e, false);
                }
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GaveUp(attempt, null, true);
            }
            delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
        }
    }

    /** {@link #call} for an action without a result. */
    public void run(Runnable action, Predicate<? super RuntimeException> isFinal) {
        call(() -> {
            action.run();
            return null;
        }, isFinal);
    }
}
