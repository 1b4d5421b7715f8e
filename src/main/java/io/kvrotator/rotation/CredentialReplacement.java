package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.SdkErrors;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.NewSecretVersion;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Protocol steps 4 to 6 under a held lock, shared by rotation and revocation: issue a new credential, verify it,
 * store it as a new version. The lease is confirmed before issue and before store (rule L). A store whose answer
 * is lost is read back before anything is decided (rule A): a version holding the new value means it is stored;
 * otherwise the new credential is left for the overlap-based retirement, never removed on a guess.
 */
final class CredentialReplacement {

    private static final System.Logger LOG = System.getLogger(CredentialReplacement.class.getName());

    private final SecretStore store;
    private final Clock clock;

    CredentialReplacement(SecretStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    record Replaced(IssuedCredential issued, SecretVersion stored, Instant at) {
    }

    <P extends RotationPlan> Replaced replace(Planned<P> planned, RotationLock.Lease lease, RotationRequest request,
                                              Map<String, String> extraTags) {
        CredentialProvider<P> provider = planned.provider();
        P plan = planned.plan();
        Instant now = clock.instant();
        Instant requestedExpiry = ValidityPeriod.expiryFrom(now, planned.validity());
        lease.confirm(Step.ROTATE);
        IssuedCredential issued = Steps.run(Step.ROTATE, () -> provider.issue(plan, requestedExpiry));
        try {
            Steps.run(Step.VERIFY, () -> {
                provider.verify(plan, issued);
                return null;
            });
            lease.confirm(Step.STORE);
        } catch (RotationException e) {
            // Never stored by anyone: nobody can be using it.
            discard(provider, plan, issued);
            throw e;
        }
        Map<String, String> tags = new LinkedHashMap<>(AuditTags.forNewVersion(plan.current(), issued.credentialId(),
                request, now));
        tags.putAll(extraTags);
        NewSecretVersion version = new NewSecretVersion(issued.value(), tags, now,
                issued.expiresOn() != null ? issued.expiresOn() : requestedExpiry, plan.current().contentType());
        return new Replaced(issued, store(plan.current(), version, issued), now);
    }

    private SecretVersion store(SecretVersion current, NewSecretVersion version, IssuedCredential issued) {
        try {
            return store.put(current.ref(), version);
        } catch (RuntimeException e) {
            Failure failure = SdkErrors.classify(Step.STORE, e);
            Optional<SecretVersion> landed = readBack(current, issued);
            if (landed.isPresent()) {
                LOG.log(Level.WARNING, () -> ("rotation.store_answer_lost secret=%s version=%s error=\"%s\" (read back:"
                        + " the version was stored)").formatted(current.ref(), landed.get().version(), failure.message()));
                return landed.get();
            }
            LOG.log(Level.WARNING, () -> ("rotation.store_failed secret=%s credentialId=%s error=\"%s\" (read back: not"
                    + " stored; the new credential is left to the overlap-based retirement)")
                    .formatted(current.ref(), issued.credentialId(), failure.message()));
            throw new RotationException(failure);
        }
    }

    /** The version holding the new value, if the write landed although its answer did not. */
    private Optional<SecretVersion> readBack(SecretVersion current, IssuedCredential issued) {
        try {
            return store.read(current.ref(), null)
                    .filter(latest -> !latest.version().version().equalsIgnoreCase(current.version()))
                    .filter(latest -> latest.value().equals(issued.value()))
                    .map(StoredSecret::version);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "rotation.read_back_failed secret=%s error=%s (treated as not stored)"
                    .formatted(current.ref(), SafeErrorText.of(e)));
            return Optional.empty();
        }
    }

    private static <P extends RotationPlan> void discard(CredentialProvider<P> provider, P plan,
                                                         IssuedCredential issued) {
        try {
            provider.discard(plan, issued);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> ("rotation.discard_failed secret=%s credentialId=%s error=%s (left to the"
                    + " overlap-based retirement)").formatted(plan.current().ref(), issued.credentialId(),
                    SafeErrorText.of(e)));
        }
    }
}
