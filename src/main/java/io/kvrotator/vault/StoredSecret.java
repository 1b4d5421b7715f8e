package io.kvrotator.vault;

/** A version of a secret with its value, read to prove what it holds; the value's {@code toString} is redacted. */
public record StoredSecret(SecretVersion version, SecretValue value) {
}
