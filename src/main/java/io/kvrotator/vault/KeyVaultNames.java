package io.kvrotator.vault;

import io.kvrotator.support.LogText;
import java.util.Optional;
import java.util.regex.Pattern;

/** Key Vault's naming rules for vaults and secrets, with messages that say what is wrong. */
public final class KeyVaultNames {

    /** 3-24 characters, letters, digits and hyphens, starts with a letter, ends with a letter or digit. */
    private static final Pattern VAULT = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]");
    /** 1-127 characters, letters, digits and hyphens. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9-]{1,127}");
    /** A secret version as Key Vault issues it: 32 hexadecimal digits. */
    private static final Pattern VERSION = Pattern.compile("[0-9a-fA-F]{32}");

    private KeyVaultNames() {
    }

    public static Optional<String> vaultNameProblem(String vault) {
        if (vault == null || vault.isEmpty()) {
            return Optional.of("vault name is missing");
        }
        if (!VAULT.matcher(vault).matches() || vault.contains("--")) {
            return Optional.of("vault name '" + LogText.printable(vault) + "' is not a valid Key Vault name "
                    + "(3-24 letters, digits and single hyphens, starting with a letter)");
        }
        return Optional.empty();
    }

    public static Optional<String> secretNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("secret name is missing");
        }
        if (!SECRET.matcher(name).matches()) {
            return Optional.of("secret name '" + LogText.printable(name) + "' is not a valid Key Vault secret name "
                    + "(1-127 letters, digits and hyphens)");
        }
        return Optional.empty();
    }

    public static Optional<String> versionProblem(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return Optional.of("secret version '" + LogText.printable(version) + "' is not 32 hexadecimal digits");
        }
        return Optional.empty();
    }

    static void requireVaultName(String vault) {
        vaultNameProblem(vault).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    static void requireSecretName(String name) {
        secretNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }
}
