package io.kvrotator.rotation;

import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Revocation (DESIGN.md section 4): rotate the compromised credential away, then, under the rotation lock,
 * invalidate every other credential of the resource and disable every other version. The second phase is
 * idempotent, so a repeated or retried request converges on the same end state without revoking its own result.
 */
public final class Revoker {

    static final String REASON_PREFIX = "revoke: ";
    private static final System.Logger LOG = System.getLogger(Revoker.class.getName());

    private final Rotator rotator;
    private final SecretStore store;
    private final ProviderRegistry providers;
    private final RotationLock lock;
    private final NoticeDispatcher notices;
    private final Clock clock;

    public Revoker(Rotator rotator, SecretStore store, ProviderRegistry providers, RotationLock lock,
                   NoticeDispatcher notices, Clock clock) {
        this.rotator = rotator;
        this.store = store;
        this.providers = providers;
        this.lock = lock;
        this.notices = notices;
        this.clock = clock;
    }

    public RevocationOutcome revoke(RevocationRequest request) {
        SecretRef secret = request.secret();
        try {
            Optional<SecretVersion> found = Steps.run("plan", () -> store.latest(secret));
            if (found.isEmpty()) {
                return new RevocationOutcome.NotFound(secret);
            }
            boolean rotated = false;
            if (compromised(found.get(), request)) {
                RotationOutcome outcome = rotator.rotate(new RotationRequest(secret,
                        new Trigger.Http(request.caller()), REASON_PREFIX + request.reason() + " (approved by "
                        + request.approvedBy() + ")", found.get().version(), clock.instant(), false));
                if (outcome instanceof RotationOutcome.Failed failed) {
                    return new RevocationOutcome.Failed(secret, failed.failure());
                }
                rotated = outcome instanceof RotationOutcome.Rotated;
            }
            Completed completed = invalidateTheRest(secret);
            RevocationOutcome.Revoked revoked = new RevocationOutcome.Revoked(secret, completed.kept().version(),
                    completed.kept().tag(Tags.CREDENTIAL_ID).orElse(""), rotated, completed.disabledVersions());
            LOG.log(Level.WARNING, () -> "revocation.completed secret=%s caller=%s approvedBy=%s reason=\"%s\" rotated=%s keptVersion=%s disabledVersions=%s"
                    .formatted(secret, request.caller(), request.approvedBy(), request.reason(), revoked.rotated(),
                            revoked.version(), revoked.disabledVersions()));
            notices.publish(RotationNotices.revoked(request, revoked, completed.kept()));
            return revoked;
        } catch (RotationException e) {
            LOG.log(Level.ERROR, () -> "revocation.failed secret=%s caller=%s step=%s error=\"%s\""
                    .formatted(secret, request.caller(), e.failure().step(), e.failure().message()));
            return new RevocationOutcome.Failed(secret, e.failure());
        }
    }

    /** Whether the latest version must be rotated away first. */
    private static boolean compromised(SecretVersion latest, RevocationRequest request) {
        if (request.compromisedVersion() != null) {
            return request.compromisedVersion().equalsIgnoreCase(latest.version());
        }
        return !latest.tag(Tags.ROTATION_REASON).map(reason -> reason.startsWith(REASON_PREFIX)).orElse(false);
    }

    private Completed invalidateTheRest(SecretRef secret) {
        RotationLock.Lease lease = Steps.run("lock", () -> lock.tryAcquire(secret)).orElseThrow(() ->
                RotationException.retryable("lock", "another rotation of " + secret + " is in progress"));
        try (lease) {
            SecretVersion keep = Steps.run("revoke", () -> store.latest(secret)).orElseThrow(() ->
                    RotationException.terminal("revoke", "the secret disappeared during revocation"));
            String type = keep.tag(Tags.CREDENTIAL_TYPE).orElseThrow(() -> RotationException.terminal("revoke",
                    "the secret has no " + Tags.CREDENTIAL_TYPE + " tag, so its other credentials cannot be found"));
            Steps.run("revoke", () -> {
                providers.require(type).invalidateAllBut(keep);
                return null;
            });
            List<String> disabled = Steps.run("disable", () -> store.disableAllExcept(secret, keep.version()));
            return new Completed(keep, disabled);
        }
    }

    private record Completed(SecretVersion kept, List<String> disabledVersions) {
    }
}
