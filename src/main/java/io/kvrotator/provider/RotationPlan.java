package io.kvrotator.provider;

import io.kvrotator.vault.SecretVersion;

/**
 * What a rotation will do, worked out by a provider before anything changes, after it proved that the latest
 * version's value is a credential of the resource (DESIGN.md section 4, rule P). Each provider has its own plan type
 * carrying what it resolved (the storage account, the application with its passwords).
 */
public interface RotationPlan {

    /** The latest version, whose credential must keep working. */
    SecretVersion current();

    /**
     * The credential the latest version's value was proven to be; it must keep working. Null only when the provider
     * proved the value belongs to the resource but cannot tell which of its credentials it is.
     */
    String currentCredentialId();

    /** The credential the new version will hold, or null when the provider learns it only on issue. */
    String nextCredentialId();

    /** One sentence for a dry run or a status page, e.g. {@code regenerate key2 of storage account st1; ...}. */
    String description();
}
