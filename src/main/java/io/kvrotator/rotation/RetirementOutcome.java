package io.kvrotator.rotation;

import io.kvrotator.failure.Failure;
import io.kvrotator.vault.SecretRef;
import java.util.List;

/** How a retirement ended. */
public sealed interface RetirementOutcome {

    SecretRef secret();

    /**
     * Every version is disabled and tagged ({@code RetiredAt} on the latest): nothing rotates or alerts about the
     * secret any more.
     *
     * @param disabledVersions the versions this retirement disabled (none when a retirement before it had)
     * @param atProvider       what became of the credential at its provider
     */
    record Retired(SecretRef secret, List<String> disabledVersions, AtProvider atProvider)
            implements RetirementOutcome {

        public Retired {
            disabledVersions = List.copyOf(disabledVersions);
        }
    }

    record Failed(SecretRef secret, Failure failure) implements RetirementOutcome {
    }

    record NotFound(SecretRef secret) implements RetirementOutcome {
    }

    /** What a retirement did at the credential's provider. */
    sealed interface AtProvider {
    }

    /** Every credential of the resource was invalidated, and the provider refuses the latest value. */
    record Invalidated(List<String> credentials) implements AtProvider {

        public Invalidated {
            credentials = List.copyOf(credentials);
        }
    }

    /**
     * Nothing was invalidated: kv-rotator cannot (no {@code CredentialType}, a value that no longer proves its
     * resource, a secret retired before); {@code remainingWork} tells the owners what is left to do at the provider.
     */
    record LeftToOwners(String remainingWork) implements AtProvider {
    }
}
