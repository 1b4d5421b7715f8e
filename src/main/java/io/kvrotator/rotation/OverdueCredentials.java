package io.kvrotator.rotation;

import io.kvrotator.failure.Step;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sweep's removal of superseded credentials past their overlap, without a rotation. What the latest version
 * holds is proven from its value first (rule P), so a lying {@code CredentialId} tag cannot make it remove the
 * credential in use; a secret being rotated right now is left for tomorrow.
 */
public final class OverdueCredentials {

    private final SecretStore store;
    private final RotationProviders providers;
    private final RotationLock lock;

    public OverdueCredentials(SecretStore store, RotationProviders providers, RotationLock lock) {
        this.store = store;
        this.providers = providers;
        this.lock = lock;
    }

    /** Removes what {@code listed}'s secret superseded long enough ago; returns the credential ids removed. */
    public List<String> retire(SecretVersion listed, Instant now) {
        Optional<CredentialProvider<?>> provider = listed.tag(Tags.CREDENTIAL_TYPE)
                .flatMap(providers.registry()::find).filter(CredentialProvider::retiresOverdue);
        if (provider.isEmpty()) {
            return List.of();
        }
        Optional<RotationLock.Lease> lease = lock.tryAcquire(listed.ref());
        if (lease.isEmpty()) {
            return List.of();
        }
        try (RotationLock.Lease held = lease.get()) {
            Optional<StoredSecret> latest = store.read(listed.ref(), null);
            return latest.isEmpty() ? List.of() : retire(provider.get(), latest.get(), held, now);
        }
    }

    private <P extends RotationPlan> List<String> retire(CredentialProvider<P> provider, StoredSecret latest,
                                                         RotationLock.Lease lease, Instant now) {
        P plan = provider.plan(latest.version(), latest.value(),
                providers.scopes().forVault(latest.version().ref().vault()));
        lease.confirm(Step.RETIRE);
        return provider.retireOverdue(plan, now);
    }
}
