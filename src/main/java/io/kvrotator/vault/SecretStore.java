package io.kvrotator.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port over Key Vault secrets. Implementations throw the SDK's exceptions unchanged; the rotation core
 * classifies them as retryable or terminal.
 */
public interface SecretStore {

    /** The latest version's attributes and tags, or empty when the secret does not exist. */
    Optional<SecretVersion> latest(SecretRef ref);

    /**
     * A version with its value: the latest when {@code version} is null. Empty when the secret or the version does
     * not exist, or the version is disabled (Key Vault does not hand out a disabled version's value).
     */
    Optional<StoredSecret> read(SecretRef ref, String version);

    /** Writes a new version, which becomes the latest, and returns its attributes. */
    SecretVersion put(SecretRef ref, NewSecretVersion version);

    /**
     * Disables every enabled version but {@code keepVersion}, adding {@code tags} to each where Key Vault's tag
     * limit leaves room; returns the versions it disabled.
     */
    List<String> disableAllExcept(SecretRef ref, String keepVersion, Map<String, String> tags);
}
