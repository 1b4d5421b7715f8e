package io.kvrotator.provider;

import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;

/**
 * A dual-key rotation: the resource, the key the latest version was proven to hold, the one to regenerate, and
 * whether versions hold the key or a connection string with it.
 *
 * @param nextKeyBefore the value of the key to regenerate as the proof listed it (null if unlisted): a regenerate
 *                      whose outcome is unknown is read back against it (rule A)
 */
public record DualKeyPlan<R>(SecretVersion current, R resource, String resourceName, String currentCredentialId,
                             String nextCredentialId, ValueFormat format, SecretValue nextKeyBefore)
        implements RotationPlan {

    @Override
    public String description() {
        return "regenerate " + nextCredentialId + " of " + resourceName
                + (format == ValueFormat.CONNECTION_STRING ? " and store its connection string" : "") + "; "
                + currentCredentialId + " stays in use until consumers read the new version";
    }
}
