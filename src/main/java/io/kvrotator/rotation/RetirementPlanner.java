package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;

/**
 * What a retirement can do at the provider, shared by the retirement and its preview: invalidate every credential
 * of the resource the latest value proves, or, where kv-rotator cannot prove one, disable the versions only and tell
 * the owners what remains. Changes nothing.
 */
final class RetirementPlanner {

    /** What a retirement of the latest version will do at the provider. */
    sealed interface Plan {
    }

    /** The latest value proved a credential of its resource: every credential of that resource is invalidated. */
    record Invalidate(Planned<?> planned, StoredSecret current) implements Plan {
    }

    /** Nothing is invalidated: the versions are disabled and the owners told {@code remainingWork}. */
    record DisableOnly(String remainingWork) implements Plan {
    }

    private final SecretStore store;
    private final Planner planner;

    RetirementPlanner(SecretStore store, Planner planner) {
        this.store = store;
        this.planner = planner;
    }

    /** Throws a retryable failure when the provider or the vault could not be asked. */
    Plan plan(SecretVersion latest) {
        if (!latest.enabled()) {
            String retiredAt = latest.tag(Tags.RETIRED_AT).orElseThrow(() -> RotationException.terminal(Step.PLAN,
                    "the latest version " + latest.version() + " is disabled, so its value cannot show which"
                            + " credential it holds: enable it (or write a new version), then ask again; nothing was"
                            + " changed"));
            return new DisableOnly("the secret was retired already at " + retiredAt + "; whatever that retirement left"
                    + " at the provider is still to be done there");
        }
        if (latest.tag(Tags.CREDENTIAL_TYPE).isEmpty()) {
            return new DisableOnly("the secret has no " + Tags.CREDENTIAL_TYPE + " tag, so kv-rotator cannot"
                    + " invalidate its credential: revoke or delete it at its provider"
                    + latest.tag(Tags.PROVIDER_ADDRESS).map(address -> " (" + Tags.PROVIDER_ADDRESS + " " + address
                    + ")").orElse("") + ", and wherever else it is configured");
        }
        StoredSecret current = Steps.run(Step.PLAN, () -> store.read(latest.ref(), null)).orElseThrow(() ->
                RotationException.retryable(Step.PLAN, "the secret's latest version could not be read again"));
        try {
            return new Invalidate(planner.proveOnly(current), current);
        } catch (RotationException e) {
            if (e.failure() instanceof Failure.Retryable) {
                throw e;
            }
            return new DisableOnly("nothing is invalidated at the provider: " + e.failure().message() + ". An earlier"
                    + " attempt of this retirement may have invalidated it already; check at the provider that no"
                    + " credential the secret held still works, and remove it there");
        }
    }
}
