package io.kvrotator.provider.postgresql;

import io.kvrotator.vault.SecretValue;
import java.security.SecureRandom;

/** New login passwords: 40 letters and digits (about 238 bits), so no connection string needs to quote them. */
final class Passwords {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static SecretValue generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return SecretValue.of(password.toString());
    }
}
