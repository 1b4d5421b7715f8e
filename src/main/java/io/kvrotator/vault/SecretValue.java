package io.kvrotator.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A secret value. It is not a record on purpose: {@link #toString()} never shows the value, so it can travel
 * through logs, exceptions and debuggers without leaking. Read it with {@link #reveal()} only where it is sent.
 */
public final class SecretValue {

    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret value cannot be empty");
        }
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    public String reveal() {
        return value;
    }

    /** The first 16 hex digits of the SHA-256 of the value: lets two values be matched without showing either. */
    public String fingerprint() {
        return fingerprintOf(value);
    }

    public static String fingerprintOf(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SecretValue[redacted, fingerprint=" + fingerprint() + "]";
    }
}
