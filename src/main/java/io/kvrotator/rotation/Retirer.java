package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.publish.SecretEvent;
import io.kvrotator.provider.ProviderCredential;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retirement without replacement (README, Retirement), under one hold of the rotation lock: prove what the latest
 * version holds; invalidate every credential of its resource, the one it holds last, and check at the provider that
 * its value no longer works; then disable and tag every version. Where kv-rotator cannot invalidate (no
 * {@code CredentialType}, a value that no longer proves its resource) the versions are still disabled and the owners
 * are told what remains to be done at the provider. A repeated or retried request converges on the same end state.
 */
public final class Retirer {

    private static final System.Logger LOG = System.getLogger(Retirer.class.getName());

    private final SecretStore store;
    private final RotationLock lock;
    private final NoticeDispatcher notices;
    private final OutcomeEvents events;
    private final RetirementPlanner retirements;
    private final Retry invalidationCheck;
    private final Clock clock;

    /** @param invalidationCheck how often, and how patiently, to ask whether the retired value still works */
    public Retirer(SecretStore store, RotationProviders providers, RotationLock lock, NoticeDispatcher notices,
                   OutcomeEvents events, RotationPolicy policy, Retry invalidationCheck, Clock clock) {
        this.store = store;
        this.lock = lock;
        this.notices = notices;
        this.events = events;
        this.retirements = new RetirementPlanner(store, providers.planner(policy.nearExpiryWindow()));
        this.invalidationCheck = invalidationCheck;
        this.clock = clock;
    }

    public RetirementOutcome retire(RetirementRequest request) {
        SecretRef secret = request.secret();
        try {
            RetirementOutcome.Retired retired;
            SecretVersion latest;
            try (RotationLock.Lease lease = lock.acquire(secret)) {
                Optional<SecretVersion> found = Steps.run(Step.PLAN, () -> store.latest(secret));
                if (found.isEmpty()) {
                    return new RetirementOutcome.NotFound(secret);
                }
                latest = found.get();
                RetirementOutcome.AtProvider atProvider = atProvider(latest, lease);
                Map<String, String> tags = AuditTags.retirement(request, clock.instant());
                lease.confirm(Step.DISABLE);
                List<String> disabled = Steps.run(Step.DISABLE, () -> store.disableAllExcept(secret, null, tags));
                retired = new RetirementOutcome.Retired(secret, disabled, atProvider);
            }
            LOG.log(Level.WARNING, () -> ("retirement.completed secret=%s requestedBy=%s approvedBy=%s reason=\"%s\""
                    + " invalidated=%s disabledVersions=%s").formatted(secret, request.requestedBy(),
                    request.approvedBy(), request.reason(),
                    retired.atProvider() instanceof RetirementOutcome.Invalidated, retired.disabledVersions()));
            notices.publish(RetirementNotices.retired(request, retired, latest));
            events.publish(new SecretEvent.Retired(secret, clock.instant(), latest.version(),
                    retired.disabledVersions(), retired.atProvider() instanceof RetirementOutcome.Invalidated,
                    request.reason(), request.requestedBy(), request.approvedBy()));
            return retired;
        } catch (RotationException e) {
            LOG.log(Level.ERROR, () -> "retirement.failed secret=%s requestedBy=%s step=%s error=\"%s\""
                    .formatted(secret, request.requestedBy(), e.failure().step(), e.failure().message()));
            return new RetirementOutcome.Failed(secret, e.failure());
        }
    }

    /** Invalidates what kv-rotator can prove the secret holds; otherwise says what the owners must do. */
    private RetirementOutcome.AtProvider atProvider(SecretVersion latest, RotationLock.Lease lease) {
        RetirementPlanner.Plan plan = retirements.plan(latest);
        if (plan instanceof RetirementPlanner.Invalidate invalidate) {
            return invalidate(invalidate.planned(), invalidate.current().value(), lease);
        }
        return new RetirementOutcome.LeftToOwners(((RetirementPlanner.DisableOnly) plan).remainingWork());
    }

    private <P extends RotationPlan> RetirementOutcome.Invalidated invalidate(Planned<P> planned, SecretValue value,
                                                                            RotationLock.Lease lease) {
        List<String> credentials = planned.provider().credentials(planned.plan()).stream()
                .map(ProviderCredential::description).toList();
        lease.confirm(Step.REVOKE);
        Steps.run(Step.REVOKE, () -> {
            planned.provider().invalidateAllBut(planned.plan(), null);
            return null;
        });
        requireRefused(planned, value);
        return new RetirementOutcome.Invalidated(credentials);
    }

    /** The versions are disabled only once the provider itself refuses the retired value. */
    private <P extends RotationPlan> void requireRefused(Planned<P> planned, SecretValue value) {
        try {
            RetriedStep.run(invalidationCheck, Step.REVOKE, () -> {
                if (Steps.run(Step.REVOKE, () -> planned.provider().stillAccepts(planned.plan(), value))) {
                    throw new IllegalStateException("the retired credential is still accepted");
                }
            });
        } catch (RotationException e) {
            if (e.failure() instanceof Failure.Terminal) {
                throw e;
            }
            throw RotationException.retryable(Step.REVOKE, "the provider still accepts the secret's value after every"
                    + " credential was invalidated (it may take a moment to propagate): approve the retirement again"
                    + " to check");
        }
    }
}
