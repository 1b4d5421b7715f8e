package io.kvrotator.infra.bicep;

/** A template the reader cannot parse; the message starts with {@code path:line:}. */
public final class BicepSyntaxException extends RuntimeException {

    public BicepSyntaxException(String message) {
        super(message);
    }
}
