package io.kvrotator.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The attributes and tags of one version of a secret; never its value. */
public record SecretVersion(
        SecretRef ref,
        String version,
        boolean enabled,
        Instant createdOn,
        Instant notBefore,
        Instant expiresOn,
        String contentType,
        Map<String, String> tags) {

    public SecretVersion {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public Optional<String> tag(String name) {
        return Optional.ofNullable(tags.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** True when the version expires within {@code window} of {@code now}, or has expired. */
    public boolean expiresWithin(Duration window, Instant now) {
        return expiresOn != null && !expiresOn.isAfter(now.plus(window));
    }
}
