package io.kvrotator.provider.appregistration;

import io.kvrotator.vault.SecretValue;
import java.util.Optional;

/** Proves that Entra ID accepts a client secret, by acquiring a token with it. */
public interface ClientSecretVerifier {

    /** Returns normally when a token was issued for the secret; throws the SDK's exception when it was not. */
    void verify(String appId, SecretValue secret);

    /** Why this verifier cannot verify anything, checked before a rotation changes anything; empty when ready. */
    default Optional<String> notReady() {
        return Optional.empty();
    }

    /** A verifier that is not configured: every rotation that needs it stops at plan with {@code reason}. */
    static ClientSecretVerifier unavailable(String reason) {
        return new ClientSecretVerifier() {
            @Override
            public void verify(String appId, SecretValue secret) {
                throw new IllegalStateException(reason);
            }

            @Override
            public Optional<String> notReady() {
                return Optional.of(reason);
            }
        };
    }
}
