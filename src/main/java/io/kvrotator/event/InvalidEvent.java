package io.kvrotator.event;

/** Why an event cannot be used; its message is safe to log and never holds the payload. */
final class InvalidEvent extends RuntimeException {

    InvalidEvent(String message) {
        super(message, null, false, false);
    }
}
