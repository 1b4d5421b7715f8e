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
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Any credential with two regenerable keys: the key the latest version's value is, as the service's key list
 * proves, stays in use; the other one (of its pair, where a resource has more than one) is regenerated, so consumers
 * keep working until they read the new version. A regenerate is sent once and its key taken from the service's
 * listing afterwards ({@link KeyRegeneration}); the listing is read again once the key is verified, so a key that a
 * late-applied regenerate replaced meanwhile is never stored.
 */
public final class DualKeyProvider<R> implements CredentialProvider<DualKeyPlan<R>> {

    private static final System.Logger LOG = System.getLogger(DualKeyProvider.class.getName());

    private final DualKeyService<R> service;
    private final KeyRegeneration<R> regeneration;
    private final Retry verifyRetry;
    private final Duration defaultValidity;

    public DualKeyProvider(DualKeyService<R> service, Retry verifyRetry, Duration defaultValidity) {
        this.service = service;
        this.regeneration = new KeyRegeneration<>(service);
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
        String name = service.describe(resource);
        ValueFormat format = ValueFormat.of(current);
        if (format == ValueFormat.CONNECTION_STRING && service.connectionStrings().isEmpty()) {
            throw RotationException.terminal(Step.PLAN, "tag " + Tags.VALUE_FORMAT + " is "
                    + format.tagValue() + ", but " + service.credentialType() + " has no connection string; nothing"
                    + " was changed");
        }
        SecretValue currentKey = keyIn(format, currentValue).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "refused: tag " + Tags.VALUE_FORMAT + " is " + format.tagValue() + ", but the secret's value is not a "
                        + service.credentialType() + " connection string with a key; nothing was changed"));
        Map<String, SecretValue> listed = service.list(resource);
        DualKeys keys = DualKeys.holdingPair(service.keyPairs(), listed, currentKey, name);
        String inUse = keys.holding(listed, currentKey, name);
        current.tag(Tags.CREDENTIAL_ID).filter(claimed -> !claimed.equalsIgnoreCase(inUse)).ifPresent(claimed ->
                LOG.log(Level.WARNING, () -> "dualkey.credential_id_mismatch secret=%s tagged=%s proven=%s (the value decides)"
                        .formatted(current.ref(), claimed, inUse)));
        String next = keys.other(inUse);
        return new DualKeyPlan<>(current, resource, name, inUse, next, format, listed.get(next));
    }

    @Override
    public IssuedCredential issue(DualKeyPlan<R> plan, Instant expiresOn) {
        SecretValue key = regeneration.regenerate(plan.resource(), plan.nextCredentialId(), plan.nextKeyBefore(),
                Step.ROTATE);
        SecretValue value = plan.format() == ValueFormat.KEY ? key : service.connectionStrings().orElseThrow()
                .build(plan.resource(), plan.nextCredentialId(), key);
        return new IssuedCredential(plan.nextCredentialId(), value, null);
    }

    @Override
    public void verify(DualKeyPlan<R> plan, IssuedCredential issued) {
        SecretValue key = keyIn(plan.format(), issued.value()).orElseThrow();
        RetriedStep.run(verifyRetry, Step.VERIFY, () -> service.verify(plan.resource(), key));
        if (!key.equals(service.list(plan.resource()).get(plan.nextCredentialId()))) {
            throw RotationException.retryable(Step.VERIFY, plan.nextCredentialId() + " of " + plan.resourceName()
                    + " changed after it was regenerated (a regenerate applied late?): the key verified is not stored");
        }
    }

    /**
     * Regenerates the key not kept; with none kept, the one the latest version holds last, so that an interrupted
     * retirement can still prove what the secret holds when it is tried again.
     */
    @Override
    public void invalidateAllBut(DualKeyPlan<R> plan, String keepCredentialId) {
        DualKeys pair = DualKeys.pairOf(service.keyPairs(),
                keepCredentialId == null ? plan.currentCredentialId() : keepCredentialId);
        for (String key : keepCredentialId == null
                ? List.of(pair.other(plan.currentCredentialId()), plan.currentCredentialId())
                : List.of(pair.other(keepCredentialId))) {
            regeneration.regenerate(plan.resource(), key, service.list(plan.resource()).get(key), Step.REVOKE);
        }
    }

    @Override
    public List<ProviderCredential> credentials(DualKeyPlan<R> plan) {
        DualKeys pair = DualKeys.pairOf(service.keyPairs(), plan.currentCredentialId());
        return List.of(pair.first(), pair.second()).stream()
                .map(key -> new ProviderCredential(key, key + " of " + plan.resourceName())).toList();
    }

    @Override
    public boolean stillAccepts(DualKeyPlan<R> plan, SecretValue value) {
        SecretValue key = keyIn(plan.format(), value).orElse(value);
        return service.list(plan.resource()).containsValue(key);
    }

    /** The key a value of this format holds: the value itself, or the key inside the connection string. */
    private Optional<SecretValue> keyIn(ValueFormat format, SecretValue value) {
        return format == ValueFormat.KEY ? Optional.of(value)
                : service.connectionStrings().flatMap(strings -> strings.key(value));
    }
}
