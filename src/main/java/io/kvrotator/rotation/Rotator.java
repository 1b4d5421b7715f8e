package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.SdkErrors;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The rotation protocol (DESIGN.md section 4): plan, lock, prove, rotate, verify, store, retire, tell. The step
 * order makes every retry safe: nothing is pointed at a new credential before it is verified, nothing changes at a
 * provider before the latest value is proven to be one of its credentials, and that credential is never touched.
 */
public final class Rotator {

    private final SecretStore store;
    private final RotationLock lock;
    private final NoticeDispatcher notices;
    private final RotationPolicy policy;
    private final Planner planner;
    private final CredentialReplacement replacement;
    private final RotationReports reports;
    private final Clock clock;

    public Rotator(SecretStore store, RotationProviders providers, RotationLock lock, NoticeDispatcher notices,
                   RotationPolicy policy, ToldFailures failing, OutcomeEvents events, Clock clock) {
        this.store = store;
        this.lock = lock;
        this.notices = notices;
        this.policy = policy;
        this.planner = providers.planner(policy.nearExpiryWindow());
        this.replacement = new CredentialReplacement(store, clock);
        this.reports = new RotationReports(notices, failing, events, clock);
        this.clock = clock;
    }

    public RotationOutcome rotate(RotationRequest request) {
        Announcement announcement = new Announcement();
        try {
            return rotate(request, announcement);
        } finally {
            announcement.await();
        }
    }

    private RotationOutcome rotate(RotationRequest request, Announcement announcement) {
        SecretRef secret = request.secret();
        SecretVersion latest = null;
        RotationOutcome outcome;
        EarlyLock early = EarlyLock.ask(lock, secret);
        try {
            Optional<SecretVersion> found = Steps.run(Step.PLAN, () -> store.latest(secret));
            if (found.isEmpty()) {
                outcome = new RotationOutcome.NotFound(secret);
            } else {
                latest = found.get();
                outcome = decideAndRotate(request, latest, early, announcement);
            }
        } catch (RotationException e) {
            outcome = new RotationOutcome.Failed(secret, e.failure());
        } finally {
            early.releaseUnlessTaken();
        }
        reports.report(request, latest, outcome);
        return outcome;
    }

    /** What rotating the latest version would do, for a dry run or a status page. Changes nothing. */
    public RotationPreview preview(SecretRef secret) {
        // The attributes first: a retired secret's latest version is disabled, and Key Vault refuses its value.
        Optional<SecretVersion> listed = Steps.run(Step.PLAN, () -> store.latest(secret));
        if (listed.isEmpty()) {
            return new RotationPreview.NotFound(secret);
        }
        SecretVersion latest = listed.get();
        Instant now = clock.instant();
        RotationDecision decision = policy.decide(latest, new RotationRequest(secret, new Trigger.Http("preview"),
                "preview", null, null, false), now);
        if (decision instanceof RotationDecision.Skip skip) {
            return new RotationPreview.NotRotatable(latest, skip.reason());
        }
        if (decision instanceof RotationDecision.TooSoon tooSoon) {
            return new RotationPreview.NotRotatable(latest, "version " + latest.version() + " is younger than the"
                    + " minimum rotation age: it may be rotated from " + tooSoon.notBefore());
        }
        Optional<StoredSecret> found = Steps.run(Step.PLAN, () -> store.read(secret, null));
        if (found.isEmpty()) {
            return new RotationPreview.NotFound(secret);
        }
        try {
            Planned<?> planned = planner.plan(found.get(), false, now);
            return new RotationPreview.Planned(latest, planned.plan(), ValidityPeriod.expiryFrom(now, planned.validity()));
        } catch (RotationException e) {
            if (e.failure() instanceof Failure.Retryable) {
                throw e;
            }
            return new RotationPreview.NotRotatable(latest, e.failure().message());
        }
    }

    private RotationOutcome decideAndRotate(RotationRequest request, SecretVersion latest, EarlyLock early,
                                            Announcement announcement) {
        Instant now = clock.instant();
        RotationDecision decision = policy.decide(latest, request, now);
        if (decision instanceof RotationDecision.Skip skip) {
            return new RotationOutcome.Skipped(request.secret(), skip.reason());
        }
        if (decision instanceof RotationDecision.TooSoon tooSoon) {
            return new RotationOutcome.TooSoon(request.secret(), latest.version(), tooSoon.notBefore());
        }
        if (decision instanceof RotationDecision.NotifyOnly) {
            if (request.trigger() instanceof Trigger.Http) {
                throw RotationException.terminal(Step.PLAN, "the secret has no " + Tags.CREDENTIAL_TYPE
                        + " tag, so kv-rotator cannot rotate it");
            }
            notices.publish(RotationNotices.notifyOnly(request, latest, now));
            return new RotationOutcome.NotifiedOnly(request.secret(), latest.version());
        }
        if (request.seenVersion() != null && !request.seenVersion().equalsIgnoreCase(latest.version())
                && Steps.run(Step.PLAN, () -> store.read(request.secret(), request.seenVersion())).isEmpty()) {
            // Only an event about a real, older version stands for the lost event of the latest one.
            return new RotationOutcome.Skipped(request.secret(), "version " + request.seenVersion()
                    + " is not an enabled version of the secret");
        }
        try (RotationLock.Lease lease = early.take()) {
            // Whoever held the lock before us may have rotated already.
            StoredSecret current = Steps.run(Step.PLAN, () -> store.read(request.secret(), null)).orElse(null);
            if (current == null || !current.version().version().equals(latest.version())) {
                return new RotationOutcome.Skipped(request.secret(), "another rotation finished first (latest is now "
                        + (current == null ? "gone" : current.version().version()) + ")");
            }
            return rotateHeld(request, planner.plan(current, false, now), lease, announcement);
        }
    }

    private <P extends RotationPlan> RotationOutcome rotateHeld(RotationRequest request, Planned<P> planned,
                                                                RotationLock.Lease lease, Announcement announcement) {
        CredentialReplacement.Replaced replaced = replacement.replace(planned, lease, request, Map.of());
        announcement.send(() -> reports.announce(replaced.stored()));
        retire(request, planned, lease, replaced);
        SecretVersion stored = replaced.stored();
        return new RotationOutcome.Rotated(request.secret(), planned.plan().current().version(), stored.version(),
                replaced.issued().credentialId(), stored.expiresOn(), replaced.issued().expiresOn() != null);
    }

    private <P extends RotationPlan> void retire(RotationRequest request, Planned<P> planned, RotationLock.Lease lease,
                                                 CredentialReplacement.Replaced replaced) {
        try {
            lease.confirm(Step.RETIRE);
            planned.provider().retire(planned.plan(), replaced.issued(), replaced.at());
        } catch (RuntimeException e) {
            reports.retireFailed(request, planned.plan().current(), SdkErrors.classify(Step.RETIRE, e));
        }
    }
}
