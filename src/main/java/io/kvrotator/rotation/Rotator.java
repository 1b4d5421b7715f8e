package io.kvrotator.rotation;

import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.NewSecretVersion;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.temporal.TemporalAmount;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rotation protocol (DESIGN.md section 4): plan, lock, rotate, verify, store, retire, tell. The step order
 * makes every retry safe: nothing is pointed at a new credential before it is verified, and the credential the
 * latest version holds is never touched.
 */
public final class Rotator {

    private static final System.Logger LOG = System.getLogger(Rotator.class.getName());

    private final SecretStore store;
    private final ProviderRegistry providers;
    private final RotationLock lock;
    private final NoticeDispatcher notices;
    private final RotationPolicy policy;
    private final FailingRotations failing;
    private final Clock clock;

    public Rotator(SecretStore store, ProviderRegistry providers, RotationLock lock, NoticeDispatcher notices,
                   RotationPolicy policy, FailingRotations failing, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.lock = lock;
        this.notices = notices;
        this.policy = policy;
        this.failing = failing;
        this.clock = clock;
    }

    public RotationOutcome rotate(RotationRequest request) {
        SecretRef secret = request.secret();
        SecretVersion latest = null;
        RotationOutcome outcome;
        try {
            Optional<SecretVersion> found = step("plan", () -> store.latest(secret));
            if (found.isEmpty()) {
                outcome = new RotationOutcome.Skipped(secret, "the secret does not exist in the vault");
            } else {
                latest = found.get();
                outcome = decideAndRotate(request, latest);
            }
        } catch (RotationException e) {
            outcome = new RotationOutcome.Failed(secret, e.failure());
        }
        report(request, latest, outcome);
        return outcome;
    }

    /** What rotating the latest version would do, for a dry run or a status page. Changes nothing. */
    public RotationPreview preview(SecretRef secret) {
        Optional<SecretVersion> found = step("plan", () -> store.latest(secret));
        if (found.isEmpty()) {
            return new RotationPreview.NotFound(secret);
        }
        SecretVersion latest = found.get();
        Optional<String> type = latest.tag(Tags.CREDENTIAL_TYPE);
        if (type.isEmpty()) {
            return new RotationPreview.NotRotatable(latest, "the secret has no " + Tags.CREDENTIAL_TYPE
                    + " tag, so kv-rotator cannot rotate it; known types: " + String.join(", ", providers.types()));
        }
        try {
            CredentialProvider provider = providers.require(type.get());
            RotationPlan plan = step("plan", () -> provider.plan(latest));
            TemporalAmount validity = ValidityPeriod.of(latest, provider.defaultValidity());
            AuditTags.requireRoom(latest);
            return new RotationPreview.Planned(latest, plan, ValidityPeriod.expiryFrom(clock.instant(), validity));
        } catch (RotationException e) {
            if (e.failure() instanceof Failure.Retryable) {
                throw e;
            }
            return new RotationPreview.NotRotatable(latest, e.failure().message());
        }
    }

    private RotationOutcome decideAndRotate(RotationRequest request, SecretVersion latest) {
        Instant now = clock.instant();
        RotationDecision decision = policy.decide(latest, request, now);
        if (decision instanceof RotationDecision.Skip skip) {
            return new RotationOutcome.Skipped(request.secret(), skip.reason());
        }
        if (decision instanceof RotationDecision.NotifyOnly && request.trigger() instanceof Trigger.Http) {
            throw RotationException.terminal("plan", "the secret has no " + Tags.CREDENTIAL_TYPE
                    + " tag, so kv-rotator cannot rotate it; known types: " + String.join(", ", providers.types()));
        }
        if (decision instanceof RotationDecision.NotifyOnly) {
            notices.publish(RotationNotices.notifyOnly(request, latest, now));
            return new RotationOutcome.NotifiedOnly(request.secret(), latest.version());
        }
        CredentialProvider provider = providers.require(latest.tags().get(Tags.CREDENTIAL_TYPE).trim());
        RotationPlan plan = step("plan", () -> provider.plan(latest));
        TemporalAmount validity = ValidityPeriod.of(latest, provider.defaultValidity());
        AuditTags.requireRoom(latest);

        RotationLock.Lease lease = step("lock", () -> lock.tryAcquire(request.secret())).orElseThrow(() ->
                RotationException.retryable("lock", "another rotation of " + request.secret() + " is in progress"));
        try (lease) {
            // Whoever held the lock before us may have rotated already.
            SecretVersion current = step("plan", () -> store.latest(request.secret())).orElse(null);
            if (current == null || !current.version().equals(latest.version())) {
                return new RotationOutcome.Skipped(request.secret(), "another rotation finished first (latest is now "
                        + (current == null ? "gone" : current.version()) + ")");
            }
            return rotateHeld(request, provider, plan, validity);
        }
    }

    private RotationOutcome rotateHeld(RotationRequest request, CredentialProvider provider, RotationPlan plan,
                                       TemporalAmount validity) {
        SecretVersion previous = plan.current();
        Instant now = clock.instant();
        Instant requestedExpiry = ValidityPeriod.expiryFrom(now, validity);
        IssuedCredential issued = step("rotate", () -> provider.issue(plan, requestedExpiry));
        SecretVersion stored;
        try {
            step("verify", () -> {
                provider.verify(plan, issued);
                return null;
            });
            Instant expiresOn = issued.expiresOn() != null ? issued.expiresOn() : requestedExpiry;
            stored = step("store", () -> store.put(request.secret(), new NewSecretVersion(issued.value(),
                    AuditTags.forNewVersion(previous, issued.credentialId(), request, now), now, expiresOn,
                    previous.contentType())));
        } catch (RotationException e) {
            discard(provider, plan, issued);
            throw e;
        }
        retire(request, provider, plan, issued, now);
        return new RotationOutcome.Rotated(request.secret(), previous.version(), stored.version(),
                issued.credentialId(), stored.expiresOn(), issued.expiresOn() != null);
    }

    private void discard(CredentialProvider provider, RotationPlan plan, IssuedCredential issued) {
        try {
            provider.discard(plan, issued);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> "rotation.discard_failed secret=%s credentialId=%s error=%s - remove it by hand"
                    .formatted(plan.current().ref(), issued.credentialId(), SafeErrorText.of(e)));
        }
    }

    /** The rotation has succeeded once the version is stored: a retire failure is reported, not retried. */
    private void retire(RotationRequest request, CredentialProvider provider, RotationPlan plan,
                        IssuedCredential issued, Instant now) {
        try {
            provider.retire(plan, issued, now);
        } catch (RuntimeException e) {
            Failure failure = RemoteFailures.classify("retire", e);
            LOG.log(Level.WARNING, () -> "rotation.retire_failed secret=%s error=%s"
                    .formatted(request.secret(), failure.message()));
            notices.publish(RotationNotices.failed(request, plan.current(), failure));
        }
    }

    private void report(RotationRequest request, SecretVersion latest, RotationOutcome outcome) {
        String context = "secret=%s trigger=%s reason=%s".formatted(request.secret(),
                request.trigger().auditValue(), request.reason());
        if (outcome instanceof RotationOutcome.Rotated rotated) {
            LOG.log(Level.INFO, () -> "rotation.rotated %s previousVersion=%s newVersion=%s credentialId=%s expiresOn=%s"
                    .formatted(context, rotated.previousVersion(), rotated.newVersion(), rotated.credentialId(),
                            rotated.expiresOn()));
            notices.publish(RotationNotices.rotated(request, latest, rotated));
        } else if (outcome instanceof RotationOutcome.Skipped skipped) {
            LOG.log(Level.INFO, () -> "rotation.skipped %s why=\"%s\"".formatted(context, skipped.reason()));
        } else if (outcome instanceof RotationOutcome.NotifiedOnly notified) {
            LOG.log(Level.INFO, () -> "rotation.notify_only %s version=%s (no %s tag)"
                    .formatted(context, notified.version(), Tags.CREDENTIAL_TYPE));
        } else if (outcome instanceof RotationOutcome.Failed failed && failed.retryable()) {
            LOG.log(Level.WARNING, () -> "rotation.failed_retryable %s step=%s error=\"%s\""
                    .formatted(context, failed.failure().step(), failed.failure().message()));
            // Event Grid retries for up to 24 hours and may then give up: the owners hear of it on the first failure.
            String version = latest != null ? latest.version() : request.seenVersion();
            if (!(request.trigger() instanceof Trigger.Http) && version != null && firstReport(request.secret(), version)) {
                notices.publish(RotationNotices.failed(request, latest, failed.failure()));
            }
        } else if (outcome instanceof RotationOutcome.Failed failed) {
            LOG.log(Level.ERROR, () -> "rotation.failed_terminal %s step=%s error=\"%s\""
                    .formatted(context, failed.failure().step(), failed.failure().message()));
            // An engineer who asked over HTTP gets the failure in the response; unattended triggers tell the owners.
            if (!(request.trigger() instanceof Trigger.Http)) {
                notices.publish(RotationNotices.failed(request, latest, failed.failure()));
            }
        }
    }

    /** Never fails a rotation: without the record, the notice is sent (a duplicate beats a lost notice). */
    private boolean firstReport(SecretRef secret, String version) {
        try {
            return failing.firstReport(secret, version);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "rotation.failure_record_unavailable secret=%s error=%s"
                    .formatted(secret, SafeErrorText.of(e)));
            return true;
        }
    }

    private static <T> T step(String name, Supplier<T> action) {
        return Steps.run(name, action);
    }
}
