package io.kvrotator.provider;

import io.kvrotator.vault.SecretVersion;

/**
 * What a rotation will do, worked out from the latest version's tags before anything changes.
 *
 * @param currentCredentialId the credential the latest version holds; it must keep working
 * @param nextCredentialId    the credential the new version will hold, or null when the provider learns it only
 *                            on issue (an app password's keyId)
 * @param description         one sentence for a dry run or a status page, e.g.
 *                            {@code regenerate key2 of storage account st1; key1 stays in use}
 */
public record RotationPlan(
        SecretVersion current,
        String providerAddress,
        String currentCredentialId,
        String nextCredentialId,
        String description) {
}
