package io.kvrotator.rotation;

import io.kvrotator.failure.SdkErrors;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import java.util.function.Supplier;

/** Runs one protocol step, classifying whatever it throws as a retryable or terminal failure of that step. */
final class Steps {

    private Steps() {
    }

    static <T> T run(Step step, Supplier<T> action) {
        try {
            return action.get();
        } catch (RotationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RotationException(SdkErrors.classify(step, e));
        }
    }
}
