package io.kvrotator.notify;

public enum NoticeKind {
    /** A new version holds a new credential. */
    ROTATED,
    /** A rotation failed; the notice says why and what to do. */
    ROTATION_FAILED,
    /** Expires soon and nothing rotates it automatically. */
    NEAR_EXPIRY,
    /** Has expired. */
    EXPIRED,
    /** A compromised credential was revoked: only the newest one still works. */
    REVOKED,
    /** The Event Grid topic did not take an event: it waits in the outbox; told once per outage. */
    EVENTS_HELD
}
