package io.kvrotator.provider;

import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Any credential with two regenerable keys: the key the latest version's value is, as the service's key list
 * proves, stays in use; the other one is regenerated, so consumers keep working until they read the new version.
 */
public final class DualKeyProvider<R> implements CredentialProvider<DualKeyPlan<R>> {

    private static final System.Logger LOG = System.getLogger(DualKeyProvider.class.getName());

    private final DualKeyService<R> service;
    private final Retry verifyRetry;
    private final Duration defaultValidity;

    public DualKeyProvider(DualKeyService<R> service, Retry verifyRetry, Duration defaultValidity) {
        this.service = service;
        this.verifyRetry = verifyRetry;
        this.defaultValidity = defaultValidity;
    }

    @Override
    public String credentialType() {
        return service.credentialType();
    }

    @Override
    public Duration defaultValidity() {
        return defaultValidity;
    }

    @Override
    public DualKeyPlan<R> plan(SecretVersion current, SecretValue currentValue, ResourceScope scope) {
        String address = current.tag(Tags.PROVIDER_ADDRESS).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "tag " + Tags.PROVIDER_ADDRESS + " is missing: set it to " + service.addressFormat()));
        R resource = service.parse(address).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "tag " + Tags.PROVIDER_ADDRESS + " is not " + service.addressFormat()));
        scope.requireResource(service.resourceId(resource));
        DualKeys keys = service.keyNames();
        String name = service.describe(resource);
        String inUse = keys.holding(service.list(resource), currentValue, name);
        current.tag(Tags.CREDENTIAL_ID).filter(claimed -> !claimed.equalsIgnoreCase(inUse)).ifPresent(claimed ->
                LOG.log(Level.WARNING, () -> "dualkey.credential_id_mismatch secret=%s tagged=%s proven=%s (the value decides)"
                        .formatted(current.ref(), claimed, inUse)));
        return new DualKeyPlan<>(current, resource, name, inUse, keys.other(inUse));
    }

    @Override
    public IssuedCredential issue(DualKeyPlan<R> plan, Instant expiresOn) {
        return new IssuedCredential(plan.nextCredentialId(),
                service.regenerate(plan.resource(), plan.nextCredentialId()), null);
    }

    @Override
    public void verify(DualKeyPlan<R> plan, IssuedCredential issued) {
        RetriedStep.run(verifyRetry, Step.VERIFY, () -> service.verify(plan.resource(), issued.value()));
    }

    @Override
    public void invalidateAllBut(DualKeyPlan<R> plan, String keepCredentialId) {
        service.regenerate(plan.resource(), service.keyNames().other(keepCredentialId));
    }

    @Override
    public boolean stillAccepts(DualKeyPlan<R> plan, SecretValue value) {
        return service.list(plan.resource()).containsValue(value);
    }
}
