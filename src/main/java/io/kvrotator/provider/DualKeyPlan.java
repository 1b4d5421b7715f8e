package io.kvrotator.provider;

import io.kvrotator.vault.SecretVersion;

/** A dual-key rotation: the resource, the key the latest version was proven to hold, and the one to regenerate. */
public record DualKeyPlan<R>(SecretVersion current, R resource, String resourceName, String currentCredentialId,
                             String nextCredentialId) implements RotationPlan {

    @Override
    public String description() {
        return "regenerate " + nextCredentialId + " of " + resourceName + "; " + currentCredentialId
                + " stays in use until consumers read the new version";
    }
}
