package io.kvrotator.rotation;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAmount;

/**
 * The planning routine shared by rotation, preview and revocation: which provider, how long the new version lives,
 * whether its tags fit, and the provider's proof that the latest value is a credential of a resource inside the
 * vault's scope (DESIGN.md section 4, rules P and C). Changes nothing.
 */
final class Planner {

    private final ProviderRegistry providers;
    private final ResourceScopes scopes;
    private final Duration nearExpiryWindow;

    Planner(ProviderRegistry providers, ResourceScopes scopes, Duration nearExpiryWindow) {
        this.providers = providers;
        this.scopes = scopes;
        this.nearExpiryWindow = nearExpiryWindow;
    }

    /** @param revocation a revocation rotates whatever the cadence, and writes the revocation tags too */
    Planned<?> plan(StoredSecret latest, boolean revocation, Instant now) {
        CredentialProvider<?> provider = provider(latest);
        TemporalAmount validity = ValidityPeriod.of(latest.version(), provider.defaultValidity());
        if (!revocation) {
            ValidityPeriod.requireLongerThan(nearExpiryWindow, validity, latest.version(), now);
        }
        AuditTags.requireRoom(latest.version(), revocation);
        return prove(provider, latest, validity);
    }

    /**
     * The provider's proof alone, for a retirement, which writes no new version: neither the cadence nor the room
     * for tags matter.
     */
    Planned<?> proveOnly(StoredSecret latest) {
        CredentialProvider<?> provider = provider(latest);
        return prove(provider, latest, provider.defaultValidity());
    }

    private CredentialProvider<?> provider(StoredSecret latest) {
        String type = latest.version().tag(Tags.CREDENTIAL_TYPE).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                "the secret has no " + Tags.CREDENTIAL_TYPE + " tag, so kv-rotator cannot rotate it; known types: "
                        + String.join(", ", providers.types())));
        // The provider is built on its first use: whatever that throws is this step's failure, like the proof's.
        return Steps.run(Step.PLAN, () -> providers.require(type));
    }

    private <P extends RotationPlan> Planned<P> prove(CredentialProvider<P> provider, StoredSecret latest,
                                                      TemporalAmount validity) {
        P plan = Steps.run(Step.PLAN, () -> provider.plan(latest.version(), latest.value(),
                scopes.forVault(latest.version().ref().vault())));
        return new Planned<>(provider, plan, validity);
    }
}
