package io.kvrotator.functions;

/** Thrown from an Event Grid function so that Event Grid delivers the event again; the message holds no secret. */
public final class RedeliveryRequested extends RuntimeException {

    public RedeliveryRequested(String reason) {
        super("retryable failure, asking Event Grid to redeliver: " + reason);
    }
}
