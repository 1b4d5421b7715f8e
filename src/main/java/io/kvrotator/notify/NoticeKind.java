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
    /** The same, by one person alone under the emergency setting: nobody approved it. */
    EMERGENCY_REVOKED,
    /** A revocation or retirement awaits a second person's approval; the notice says what will stop working. */
    APPROVAL_REQUESTED,
    /** A revocation or retirement that awaited approval was withdrawn: nothing will happen. */
    APPROVAL_WITHDRAWN,
    /** A secret was retired without replacement: every version disabled, nothing rotates it any more. */
    RETIRED,
    /** The Event Grid topic did not take an event: it waits in the outbox; told once per outage. */
    EVENTS_HELD
}
