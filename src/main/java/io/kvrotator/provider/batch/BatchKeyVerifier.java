package io.kvrotator.provider.batch;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;

/** Proves that a Batch account key is accepted by the account's Batch service endpoint. */
public interface BatchKeyVerifier {

    /** Returns normally when the key authenticates; throws when it does not. */
    void verify(ArmResourceId account, SecretValue key);
}
