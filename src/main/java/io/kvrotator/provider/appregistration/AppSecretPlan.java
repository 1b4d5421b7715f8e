package io.kvrotator.provider.appregistration;

import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretVersion;

/**
 * An app secret rotation: the application as read while proving possession (issue, verify, discard and retire of
 * the same rotation use this read), and the password the latest version's value was proven to be.
 */
public record AppSecretPlan(SecretVersion current, AppRegistration app, String currentCredentialId, long overlapDays)
        implements RotationPlan {

    @Override
    public String nextCredentialId() {
        return null;
    }

    @Override
    public String description() {
        return "add a password to app registration " + app.objectId() + "; " + (currentCredentialId == null
                ? "the password in use could not be told apart by its hint, so no password is removed this time"
                : "password " + currentCredentialId + " is kept for at least " + overlapDays
                + " days after the new version is stored");
    }
}
