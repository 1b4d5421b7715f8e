package io.kvrotator.api;

/** A request rejected before any remote call: its status, title and a detail that says what is wrong. */
final class BadRequest extends RuntimeException {

    final int status;
    final String title;

    BadRequest(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }
}
