package io.kvrotator.failure;

/** Carries a classified {@link Failure} out of a provider or a store; never a secret value. */
public final class RotationException extends RuntimeException {

    private final transient Failure failure;

    public RotationException(Failure failure) {
        super(failure.step() + ": " + failure.message());
        this.failure = failure;
    }

    public RotationException(Failure failure, Throwable cause) {
        super(failure.step() + ": " + failure.message(), cause);
        this.failure = failure;
    }

    public static RotationException retryable(Step step, String message) {
        return new RotationException(new Failure.Retryable(step, message));
    }

    public static RotationException terminal(Step step, String message) {
        return new RotationException(new Failure.Terminal(step, message));
    }

    public Failure failure() {
        return failure;
    }
}
