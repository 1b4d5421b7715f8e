package io.kvrotator.vault;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a Key Vault list page ({@code GET /secrets} or {@code GET /certificates}): the current version's
 * attributes and tags, never a value. {@code managed} marks a secret that backs a certificate. An entry without an
 * {@code enabled} attribute counts as enabled: the sweep then alerts on it rather than pass it over in silence.
 */
record ListedItem(String name, boolean enabled, Instant createdOn, Instant notBefore, Instant expiresOn,
                  String contentType, boolean managed, Map<String, String> tags) {

    ListedItem {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
