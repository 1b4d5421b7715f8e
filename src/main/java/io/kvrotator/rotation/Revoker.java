package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revocation of a compromised credential (DESIGN.md section 4), under one hold of the rotation lock: prove what the
 * latest version holds; when its value is the compromised one, replace it whatever the rotation policy would say;
 * invalidate every other credential of the resource; disable and tag every other version; then check at the
 * provider that each compromised value no longer works before answering "revoked". "Already revoked" is read from
 * the revocation tags of the latest version. A repeated or retried request converges on the same end state.
 */
public final class Revoker {

    private static final System.Logger LOG = System.getLogger(Revoker.class.getName());

    private final SecretStore store;
    private final RotationLock lock;
    private final NoticeDispatcher notices;
    private final OutcomeEvents events;
    private final Planner planner;
    private final CredentialReplacement replacement;
    private final Retry invalidationCheck;
    private final Clock clock;

    /** @param invalidationCheck how often, and how patiently, to ask whether a compromised value still works */
    public Revoker(SecretStore store, RotationProviders providers, RotationLock lock, NoticeDispatcher notices,
                   OutcomeEvents events, RotationPolicy policy, Retry invalidationCheck, Clock clock) {
        this.store = store;
        this.lock = lock;
        this.notices = notices;
        this.events = events;
        this.planner = providers.planner(policy.nearExpiryWindow());
        this.replacement = new CredentialReplacement(store, clock);
        this.invalidationCheck = invalidationCheck;
        this.clock = clock;
    }

    public RevocationOutcome revoke(RevocationRequest request) {
        SecretRef secret = request.secret();
        try {
            RevocationOutcome.Revoked revoked;
            SecretVersion kept;
            try (RotationLock.Lease lease = lock.acquire(secret)) {
                Optional<StoredSecret> latest = Steps.run(Step.PLAN, () -> store.read(secret, null));
                if (latest.isEmpty()) {
                    return new RevocationOutcome.NotFound(secret);
                }
                Instant now = clock.instant();
                Held held = revokeHeld(request, latest.get(), planner.plan(latest.get(), true, now), lease, now);
                revoked = held.revoked();
                kept = held.kept();
            }
            LOG.log(Level.WARNING, () -> ("revocation.completed secret=%s caller=%s approvedBy=%s reason=\"%s\" how=%s"
                    + " keptVersion=%s disabledVersions=%s").formatted(secret, request.caller(), request.approvedBy(),
                    request.reason(), revoked.how(), revoked.version(), revoked.disabledVersions()));
            notices.publish(RotationNotices.revoked(request, revoked, kept));
            events.publish(RotationEvents.revoked(request, revoked, kept, clock.instant()));
            return revoked;
        } catch (RotationException e) {
            LOG.log(Level.ERROR, () -> "revocation.failed secret=%s caller=%s step=%s error=\"%s\""
                    .formatted(secret, request.caller(), e.failure().step(), e.failure().message()));
            return new RevocationOutcome.Failed(secret, e.failure());
        }
    }

    private record Held(RevocationOutcome.Revoked revoked, SecretVersion kept) {
    }

    private <P extends RotationPlan> Held revokeHeld(RevocationRequest request, StoredSecret latest,
                                                     Planned<P> planned, RotationLock.Lease lease, Instant now) {
        SecretRef secret = request.secret();
        Map<String, String> revocationTags = AuditTags.revocation(request, now);
        Optional<StoredSecret> named = namedOlderVersion(request, latest);
        boolean latestByRevocation = latest.version().tag(Tags.REVOKED_AT).isPresent();
        boolean latestCompromised = request.compromisedVersion() == null ? !latestByRevocation
                : request.compromisedVersion().equalsIgnoreCase(latest.version().version())
                || named.filter(version -> version.value().equals(latest.value())).isPresent();
        List<SecretValue> compromised = new ArrayList<>();
        named.ifPresent(version -> compromised.add(version.value()));
        String keep;
        SecretVersion kept;
        RevocationOutcome.How how;
        if (latestCompromised) {
            CredentialReplacement.Replaced replaced = replacement.replace(planned, lease, new RotationRequest(secret,
                    new Trigger.Http(request.caller()), "revoke: " + request.reason(), latest.version().version(), now,
                    false), revocationTags);
            keep = replaced.issued().credentialId();
            kept = replaced.stored();
            RotationEvents.rotated(kept).ifPresent(events::publish);
            how = RevocationOutcome.How.ROTATED;
            compromised.add(latest.value());
        } else {
            keep = Optional.ofNullable(planned.plan().currentCredentialId()).orElseThrow(() -> RotationException
                    .terminal(Step.REVOKE, "which credential the latest version holds cannot be told apart from the"
                            + " others (several share its hint): revoke the latest version itself"));
            kept = latest.version();
            how = latestByRevocation && named.isEmpty() ? RevocationOutcome.How.ALREADY_REVOKED
                    : RevocationOutcome.How.INVALIDATED;
            if (latestByRevocation) {
                // Its revocation may have stored it and failed before announcing it: the same event again.
                RotationEvents.rotated(kept).ifPresent(events::publish);
            }
        }
        lease.confirm(Step.REVOKE);
        Steps.run(Step.REVOKE, () -> {
            planned.provider().invalidateAllBut(planned.plan(), keep);
            return null;
        });
        List<String> disabled = Steps.run(Step.DISABLE, () -> store.disableAllExcept(secret, kept.version(),
                revocationTags));
        compromised.forEach(value -> requireInvalid(planned, value));
        return new Held(new RevocationOutcome.Revoked(secret, kept.version(), keep, how, disabled), kept);
    }

    /** The version the request names as compromised, with its value, when it is not the latest and still readable. */
    private Optional<StoredSecret> namedOlderVersion(RevocationRequest request, StoredSecret latest) {
        String version = request.compromisedVersion();
        if (version == null || version.equalsIgnoreCase(latest.version().version())) {
            return Optional.empty();
        }
        return Steps.run(Step.PLAN, () -> store.read(request.secret(), version));
    }

    /** Answers "revoked" only once the provider itself refuses the compromised value. */
    private <P extends RotationPlan> void requireInvalid(Planned<P> planned, SecretValue value) {
        try {
            RetriedStep.run(invalidationCheck, Step.REVOKE, () -> {
                if (Steps.run(Step.REVOKE, () -> planned.provider().stillAccepts(planned.plan(), value))) {
                    throw new IllegalStateException("the compromised credential is still accepted");
                }
            });
        } catch (RotationException e) {
            if (e.failure() instanceof Failure.Terminal) {
                throw e;
            }
            throw RotationException.retryable(Step.REVOKE, "the provider still accepts the compromised credential after"
                    + " it was invalidated (it may take a moment to propagate): revoke again to check");
        }
    }
}
