package io.kvrotator.vault;

import java.util.List;
import java.util.Optional;

/**
 * The port over Key Vault secrets. Implementations throw the SDK's exceptions unchanged; the rotation core
 * classifies them as retryable or terminal.
 */
public interface SecretStore {

    /** The latest version's attributes and tags, or empty when the secret does not exist. */
    Optional<SecretVersion> latest(SecretRef ref);

    /** Writes a new version, which becomes the latest, and returns its attributes. */
    SecretVersion put(SecretRef ref, NewSecretVersion version);

    /** Disables every enabled version but {@code keepVersion}; returns the versions it disabled. */
    List<String> disableAllExcept(SecretRef ref, String keepVersion);
}
