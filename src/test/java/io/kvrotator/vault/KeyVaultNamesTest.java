package io.kvrotator.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyVaultNamesTest {

    /** Key Vault's rules as patterns, which the checks replaced: the reference they must agree with. */
    private static final Pattern VAULT = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9-]{1,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9a-fA-F]{32}");
    /** Characters near every boundary the checks draw, and some a pattern's classes would not admit. */
    private static final String ALPHABET = "aAzZgG09-_.@/ %\u00e9\u0661\uff21\n";

    @Test
    @DisplayName("names, secret names and versions are accepted exactly as Key Vault's patterns accept them,"
            + " over 300,000 generated strings")
    void agreeWithThePatterns() {
        Random random = new Random(20261129);
        for (int i = 0; i < 100_000; i++) {
            String vault = generated(random, 27, ALPHABET);
            assertThat(KeyVaultNames.vaultNameProblem(vault).isEmpty()).as(vault)
                    .isEqualTo(VAULT.matcher(vault).matches() && !vault.contains("--"));
            String secret = generated(random, 130, ALPHABET);
            assertThat(KeyVaultNames.secretNameProblem(secret).isEmpty()).as(secret)
                    .isEqualTo(SECRET.matcher(secret).matches());
            String version = generated(random, 34, "0123456789abcdefABCDEFgG-");
            assertThat(KeyVaultNames.versionProblem(version).isEmpty()).as(version)
                    .isEqualTo(VERSION.matcher(version).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kv-a", "abc", "a-b", "Kv0", "a2345678901234567890123z"})
    void validVaultNames(String vault) {
        assertThat(KeyVaultNames.vaultNameProblem(vault)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "1kv", "-kv", "kv-", "kv--a", "kv_a", "kv.a", "k\u00e9v",
            "a23456789012345678901234z", "kv a"})
    void invalidVaultNames(String vault) {
        assertThat(KeyVaultNames.vaultNameProblem(vault)).isPresent();
    }

    @Test
    void secretNameLengths() {
        assertThat(KeyVaultNames.secretNameProblem("a".repeat(127))).isEmpty();
        assertThat(KeyVaultNames.secretNameProblem("a".repeat(128))).isPresent();
        assertThat(KeyVaultNames.secretNameProblem("-")).isEmpty();
        assertThat(KeyVaultNames.secretNameProblem(null)).isPresent();
        assertThat(KeyVaultNames.versionProblem(null)).isPresent();
    }

    private static String generated(Random random, int maxLength, String alphabet) {
        // Mostly short and mostly from the valid characters, so that both answers come up often.
        int length = random.nextInt(4) == 0 ? random.nextInt(maxLength + 1) : random.nextInt(Math.min(maxLength, 26));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10) < 8 ? random.nextInt(Math.min(alphabet.length(), 9))
                    : random.nextInt(alphabet.length());
            text.append(alphabet.charAt(pick));
        }
        return text.toString();
    }
}
