package io.kvrotator.vault;

import io.kvrotator.support.LogText;
import java.util.Optional;

/**
 * Key Vault's naming rules for vaults and secrets, with messages that say what is wrong. Checked character by
 * character (ASCII letters and digits only) rather than with patterns: the sweep checks every item it lists.
 */
public final class KeyVaultNames {

    private KeyVaultNames() {
    }

    public static Optional<String> vaultNameProblem(String vault) {
        if (vault == null || vault.isEmpty()) {
            return Optional.of("vault name is missing");
        }
        if (!isVaultName(vault)) {
            return Optional.of("vault name '" + LogText.printable(vault) + "' is not a valid Key Vault name "
                    + "(3-24 letters, digits and single hyphens, starting with a letter)");
        }
        return Optional.empty();
    }

    public static Optional<String> secretNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("secret name is missing");
        }
        if (!isSecretName(name)) {
            return Optional.of("secret name '" + LogText.printable(name) + "' is not a valid Key Vault secret name "
                    + "(1-127 letters, digits and hyphens)");
        }
        return Optional.empty();
    }

    public static Optional<String> versionProblem(String version) {
        if (!isVersion(version)) {
            return Optional.of("secret version '" + LogText.printable(version) + "' is not 32 hexadecimal digits");
        }
        return Optional.empty();
    }

    /** 3-24 characters, letters, digits and single hyphens, starts with a letter, ends with a letter or digit. */
    private static boolean isVaultName(String vault) {
        int last = vault.length() - 1;
        if (last < 2 || last > 23 || !isLetter(vault.charAt(0)) || vault.charAt(last) == '-') {
            return false;
        }
        for (int i = 1; i <= last; i++) {
            char c = vault.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '-' && vault.charAt(i - 1) != '-')) {
                return false;
            }
        }
        return true;
    }

    /** 1-127 characters, letters, digits and hyphens. */
    private static boolean isSecretName(String name) {
        if (name.length() > 127) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A secret version as Key Vault issues it: 32 hexadecimal digits. */
    private static boolean isVersion(String version) {
        if (version == null || version.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = version.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
