package io.kvrotator.sweep;

import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Notice;
import io.kvrotator.rotation.RotationOutcome;
import java.util.List;

/**
 * What one sweep did: the report (with the expiries of what it rotated updated), the alerts it sent, the
 * rotations it started for events that may have been lost, and the digest it sent (empty when nothing needed
 * attention, or when every addressee had today's digest already).
 */
public record SweepResult(ExpiryReport report, List<Notice> alerts, List<RotationOutcome> rotations, Digest digest) {

    public SweepResult {
        alerts = List.copyOf(alerts);
        rotations = List.copyOf(rotations);
    }
}
