package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * Logs every rotation outcome once and tells people what they must hear: a rotation, and an unattended failure
 * once per version and kind of failure (Event Grid redelivers for 24 hours and the sweep runs daily; the owners
 * hear on the first failure, not on every retry). An engineer who asked over HTTP gets failures in the response.
 * Machines hear of the same outcomes, as events.
 */
final class RotationReports {

    private static final System.Logger LOG = System.getLogger(Rotator.class.getName());

    private final NoticeDispatcher notices;
    private final ToldFailures failing;
    private final OutcomeEvents events;
    private final Clock clock;

    RotationReports(NoticeDispatcher notices, ToldFailures failing, OutcomeEvents events, Clock clock) {
        this.notices = notices;
        this.failing = failing;
        this.events = events;
        this.clock = clock;
    }

    /** Tells machines of a stored version as soon as it is stored, before anything else can fail. */
    void announce(SecretVersion stored) {
        RotationEvents.rotated(stored).ifPresent(events::publish);
    }

    void report(RotationRequest request, SecretVersion latest, RotationOutcome outcome) {
        String context = "secret=%s trigger=%s reason=%s".formatted(request.secret(),
                request.trigger().auditValue(), request.reason());
        if (outcome instanceof RotationOutcome.Rotated rotated) {
            LOG.log(Level.INFO, () -> "rotation.rotated %s previousVersion=%s newVersion=%s credentialId=%s expiresOn=%s"
                    .formatted(context, rotated.previousVersion(), rotated.newVersion(), rotated.credentialId(),
                            rotated.expiresOn()));
            notices.publish(RotationNotices.rotated(request, latest, rotated));
        } else if (outcome instanceof RotationOutcome.Skipped skipped) {
            LOG.log(Level.INFO, () -> "rotation.skipped %s why=\"%s\"".formatted(context, skipped.reason()));
            if (latest != null && RotationEvents.rotationOf(latest, request.seenVersion())) {
                // A retry of a rotation that stored its version but never answered (a lost answer, a crash).
                announce(latest);
            }
        } else if (outcome instanceof RotationOutcome.NotFound) {
            LOG.log(Level.INFO, () -> "rotation.skipped %s why=\"the secret does not exist\"".formatted(context));
        } else if (outcome instanceof RotationOutcome.TooSoon tooSoon) {
            LOG.log(Level.INFO, () -> "rotation.too_soon %s version=%s notBefore=%s"
                    .formatted(context, tooSoon.version(), tooSoon.notBefore()));
        } else if (outcome instanceof RotationOutcome.NotifiedOnly notified) {
            LOG.log(Level.INFO, () -> "rotation.notify_only %s version=%s (no %s tag)"
                    .formatted(context, notified.version(), Tags.CREDENTIAL_TYPE));
        } else if (outcome instanceof RotationOutcome.Failed failed) {
            failed(request, latest, failed, context);
        }
    }

    /** The rotation has succeeded once the version is stored: a retire failure is told, not retried. */
    void retireFailed(RotationRequest request, SecretVersion previous, Failure failure) {
        LOG.log(Level.WARNING, () -> "rotation.retire_failed secret=%s error=%s"
                .formatted(request.secret(), failure.message()));
        notices.publish(RotationNotices.failed(request, previous, previous.version(), failure));
    }

    private void failed(RotationRequest request, SecretVersion latest, RotationOutcome.Failed failed, String context) {
        Failure failure = failed.failure();
        LOG.log(failed.retryable() ? Level.WARNING : Level.ERROR, () -> "rotation.failed_%s %s step=%s error=\"%s\""
                .formatted(failed.retryable() ? "retryable" : "terminal", context, failure.step(), failure.message()));
        if (request.trigger() instanceof Trigger.Http) {
            return;
        }
        String version = latest != null ? latest.version() : request.seenVersion();
        String kind = failed.retryable() ? "retryable" : "terminal-" + failure.step();
        if (version == null || firstReport(request.secret(), version + "/" + kind)) {
            notices.publish(RotationNotices.failed(request, latest, version, failure));
            events.publish(RotationEvents.failed(request, latest, version, failure, clock.instant()));
        }
    }

    /** Never fails a rotation: without the record, the notice is sent (a duplicate beats a lost notice). */
    private boolean firstReport(SecretRef secret, String failure) {
        try {
            return failing.firstReport(secret, failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "rotation.failure_record_unavailable secret=%s error=%s"
                    .formatted(secret, SafeErrorText.of(e)));
            return true;
        }
    }
}
