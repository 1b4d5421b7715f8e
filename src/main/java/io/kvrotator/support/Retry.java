package io.kvrotator.support;

import io.kvrotator.rotation.Failure;
import io.kvrotator.rotation.RotationException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retry with exponential backoff for eventually consistent checks (a new key or password that is not
 * accepted yet). Gives up with a retryable {@link RotationException}; a terminal one is rethrown at once.
 */
public final class Retry {

    /** Sleeps; replaced in unit tests so that they do not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
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

    public void run(String step, Runnable action) {
        call(step, () -> {
            action.run();
            return null;
        });
    }

    public <T> T call(String step, Supplier<T> action) {
        Duration delay = firstDelay;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return action.get();
            } catch (RotationException e) {
                if (e.failure() instanceof Failure.Terminal) {
                    throw e;
                }
                last = e;
            } catch (RuntimeException e) {
                last = e;
            }
            if (attempt < attempts) {
                pause(delay);
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            }
        }
        throw new RotationException(new Failure.Retryable(step, "still failing after " + attempts + " attempts: "
                + SafeErrorText.of(last)));
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RotationException.retryable("retry", "interrupted while waiting to retry");
        }
    }
}
