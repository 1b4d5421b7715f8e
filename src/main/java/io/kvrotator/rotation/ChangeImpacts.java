package io.kvrotator.rotation;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ProviderCredential;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a revocation or a retirement would make stop working, for the people asked to approve it: the latest version
 * is read and proven as the {@link Revoker} and the {@link Retirer} will prove it (rule P), and the provider lists
 * every credential of the resource, whoever made it. Changes nothing.
 */
public final class ChangeImpacts {

    private final SecretStore store;
    private final Planner planner;
    private final RetirementPlanner retirements;
    private final Clock clock;

    public ChangeImpacts(SecretStore store, RotationProviders providers, RotationPolicy policy, Clock clock) {
        this.store = store;
        this.planner = providers.planner(policy.nearExpiryWindow());
        this.retirements = new RetirementPlanner(store, planner);
        this.clock = clock;
    }

    /**
     * A revocation as {@link Revoker} will do it; empty when the secret does not exist. Throws what the revocation
     * itself would fail with (a refused proof, tags without room), so that nothing is requested that cannot work.
     *
     * @param namedVersion the version the requester says is compromised; null: the latest
     */
    public Optional<ChangeImpact> revocation(SecretRef secret, String namedVersion) {
        Optional<StoredSecret> found = Steps.run(Step.PLAN, () -> store.read(secret, null));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredSecret latest = found.get();
        Planned<?> planned = planner.plan(latest, true, clock.instant());
        String latestVersion = latest.version().version();
        boolean latestNamed = namedVersion != null && (namedVersion.equalsIgnoreCase(latestVersion)
                || Steps.run(Step.PLAN, () -> store.read(secret, namedVersion))
                .filter(named -> named.value().equals(latest.value())).isPresent());
        boolean latestCompromised = namedVersion == null ? latest.version().tag(Tags.REVOKED_AT).isEmpty()
                : latestNamed;
        return Optional.of(revocation(planned, latest.version(), latestCompromised,
                latestCompromised ? latestVersion : namedVersion));
    }

    /** A retirement as {@link Retirer} will do it; empty when the secret does not exist. */
    public Optional<ChangeImpact> retirement(SecretRef secret) {
        Optional<SecretVersion> found = Steps.run(Step.PLAN, () -> store.latest(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SecretVersion latest = found.get();
        RetirementPlanner.Plan plan = retirements.plan(latest);
        if (plan instanceof RetirementPlanner.Invalidate invalidate) {
            return Optional.of(new ChangeImpact(latest, null, "every credential of the resource is invalidated, the"
                    + " secret's value last, then every version is disabled; nothing rotates the secret or alerts about"
                    + " its expiry any more", descriptions(invalidate.planned())));
        }
        return Optional.of(new ChangeImpact(latest, null, "every version is disabled and nothing rotates the secret or"
                + " alerts about its expiry any more; " + ((RetirementPlanner.DisableOnly) plan).remainingWork(),
                List.of()));
    }

    private static <P extends RotationPlan> ChangeImpact revocation(Planned<P> planned, SecretVersion latest,
                                                                    boolean latestCompromised, String compromised) {
        String current = planned.plan().currentCredentialId();
        List<ProviderCredential> credentials = planned.provider().credentials(planned.plan());
        if (latestCompromised) {
            return new ChangeImpact(latest, compromised, "version " + latest.version() + " is replaced at once by a new"
                    + " credential, whatever its expiry; then every credential of the resource as it is now stops"
                    + " working and every other version is disabled", credentials.stream()
                    .map(credential -> credential.description() + (credential.id().equalsIgnoreCase(current)
                            ? " (held by version " + latest.version() + ", the compromised one)" : "")).toList());
        }
        if (current == null) {
            throw RotationException.terminal(Step.REVOKE, "which credential the latest version holds cannot be told"
                    + " apart from the others (several share its hint): revoke the latest version itself");
        }
        return new ChangeImpact(latest, compromised, (compromised == null ? "the latest version " + latest.version()
                + " was made by a revocation: it" : "version " + compromised + " is compromised; the latest version "
                + latest.version()) + " keeps " + current + ", every other credential of the resource stops working and"
                + " every other version is disabled", credentials.stream()
                .filter(credential -> !credential.id().equalsIgnoreCase(current))
                .map(ProviderCredential::description).toList());
    }

    private static <P extends RotationPlan> List<String> descriptions(Planned<P> planned) {
        return planned.provider().credentials(planned.plan()).stream().map(ProviderCredential::description).toList();
    }
}
