package io.kvrotator.sandbox;

import java.util.Optional;

/** Key Vault's per-vault service limits as the stand-in enforces them. */
@FunctionalInterface
public interface KeyVaultThrottle {

    /** Empty to let the call through, or the 429 to answer with. */
    Optional<StandIn.Response> admit(String vault, boolean secretWrite);

    static KeyVaultThrottle unlimited() {
        return (vault, secretWrite) -> Optional.empty();
    }
}
