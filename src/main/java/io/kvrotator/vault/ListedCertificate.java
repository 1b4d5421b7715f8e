package io.kvrotator.vault;

import java.time.Instant;
import java.util.Map;

/** A certificate as the vault's certificate list shows it: attributes and tags of its current version. */
public record ListedCertificate(String vault, String name, boolean enabled, Instant notBefore, Instant expiresOn,
                                Map<String, String> tags) {

    public ListedCertificate {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
