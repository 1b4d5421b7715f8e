package io.kvrotator.sweep;

import io.kvrotator.vault.SecretVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing that expires: a secret, a certificate, or an app registration's password or certificate. Built from
 * list results only (attributes and tags), never a value.
 *
 * @param scope          the source it was listed from, e.g. {@code vault-kv-dev-payments}: the alert record's unit
 * @param id             unique within the scope: a secret or certificate name, or {@code objectId/keyId}
 * @param location       a vault name, or an application's client (app) ID
 * @param name           what people call it: a secret name, or {@code app display name / credential name}
 * @param expiresOn      null when none is set (a policy gap)
 * @param credentialType the {@code CredentialType} tag of a secret; null when nothing rotates it
 * @param listed         for a secret, its latest version's attributes and tags as the list returned them (the
 *                       list carries no version ID); null for other kinds
 */
public record ExpiryItem(String scope, ItemKind kind, String id, String location, String name, Instant expiresOn,
                         List<String> owners, String credentialType, SecretVersion listed) {

    public ExpiryItem {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        owners = List.copyOf(owners);
    }

    /** The item's key in the alert record. */
    public String key() {
        return kind.name().toLowerCase() + "/" + id;
    }
}
