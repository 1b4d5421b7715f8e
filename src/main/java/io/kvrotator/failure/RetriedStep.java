package io.kvrotator.failure;

import io.kvrotator.support.Retry;
import io.kvrotator.support.SafeErrorText;
import java.util.function.Supplier;

/**
 * Runs a protocol step under a {@link Retry}: a terminal {@link RotationException} ends it at once, anything else
 * is tried again; when the attempts run out, the step fails retryably, naming the last error.
 */
public final class RetriedStep {

    private RetriedStep() {
    }

    public static <T> T call(Retry retry, Step step, Supplier<T> action) {
        try {
            return retry.call(action, RetriedStep::isTerminal);
        } catch (Retry.GaveUp e) {
            if (e.interrupted()) {
                throw RotationException.retryable(Step.RETRY, "interrupted while waiting to retry");
            }
            throw new RotationException(new Failure.Retryable(step, "still failing after " + e.attempts()
                    + " attempts: " + SafeErrorText.of(e.getCause())));
        }
    }

    public static void run(Retry retry, Step step, Runnable action) {
        call(retry, step, () -> {
            action.run();
            return null;
        });
    }

    private static boolean isTerminal(RuntimeException error) {
        return error instanceof RotationException rotation && rotation.failure() instanceof Failure.Terminal;
    }
}
