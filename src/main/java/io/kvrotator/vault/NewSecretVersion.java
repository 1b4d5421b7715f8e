package io.kvrotator.vault;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What is written as the next version of a secret. */
public record NewSecretVersion(
        SecretValue value, Map<String, String> tags, Instant notBefore, Instant expiresOn, String contentType) {

    public NewSecretVersion {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresOn, "expiresOn");
        tags = Map.copyOf(tags);
    }
}
