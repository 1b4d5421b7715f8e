package io.kvrotator.notify;

/**
 * A channel could not deliver. The message says which destination failed and how (a status, an error code),
 * never a webhook URL or other secret.
 */
public final class ChannelException extends RuntimeException {

    private final boolean retryable;

    public ChannelException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** Throttling, a 5xx or a network error: worth another attempt. A 4xx is not. */
    public static ChannelException forStatus(String destination, int status) {
        return new ChannelException(destination + " answered HTTP " + status,
                status == 408 || status == 429 || status >= 500);
    }

    public boolean retryable() {
        return retryable;
    }
}
