package io.kvrotator.vault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port over Key Vault secrets, for the rotation and the sweep alike. Implementations throw the SDK's exceptions
 * unchanged; the rotation core classifies them as retryable or terminal. Names compare case-insensitively, and times
 * are kept to the second, as Key Vault keeps them.
 */
public interface SecretStore {

    /**
     * The latest version's attributes and tags, or empty when the secret does not exist. A disabled latest version
     * (a retired secret) is returned too, with {@code enabled} false: Key Vault refuses to show it, so it is found
     * among the secret's versions.
     */
    Optional<SecretVersion> latest(SecretRef ref);

    /**
     * A version with its value: the latest when {@code version} is null. Empty when the secret or the version does
     * not exist, or a named version is disabled (Key Vault does not hand out a disabled version's value). A disabled
     * latest version read with a null {@code version} is refused as by {@link #latest}.
     */
    Optional<StoredSecret> read(SecretRef ref, String version);

    /**
     * Every secret of the vault as the secrets list shows it: its latest version's attributes and tags, disabled or
     * not, with a null version (the list carries no version ID). Reads no value. The secrets that back certificates
     * are left out: they are listed as certificates.
     */
    List<SecretVersion> list(String vault);

    /** Writes a new version, which becomes the latest, and returns its attributes. Key Vault refuses over 15 tags. */
    SecretVersion put(SecretRef ref, NewSecretVersion version);

    /**
     * Disables every enabled version but {@code keepVersion} (null: every enabled version), adding {@code tags} to
     * each where Key Vault's tag limit leaves room; returns the versions it disabled. Throws the SDK's
     * {@code ResourceNotFoundException} when the secret does not exist.
     */
    List<String> disableAllExcept(SecretRef ref, String keepVersion, Map<String, String> tags);
}
