package io.kvrotator.provider;

import io.kvrotator.rotation.RotationException;
import io.kvrotator.vault.SecretVersion;
import java.time.temporal.TemporalAmount;
import java.time.Instant;
import java.util.List;

/**
 * Rotates one type of credential, named by a secret's {@code CredentialType} tag. The rotation core calls the
 * methods in order: plan, issue, verify, then (after the new version is stored) retire. Every method throws
 * {@link RotationException} with a {@code Retryable} failure for what may heal (throttling, eventual consistency)
 * and a {@code Terminal} one for what will not; raw Azure SDK exceptions are classified by the core.
 */
public interface CredentialProvider {

    /** The {@code CredentialType} tag value this provider rotates, e.g. {@code StorageAccountKey}. */
    String credentialType();

    /**
     * Lifetime of a new version when the secret has no {@code ValidityPeriodDays} tag: a {@code Duration}, or a
     * {@code Period} for calendar lifetimes such as 18 months (added in UTC).
     */
    TemporalAmount defaultValidity();

    /**
     * Decides which credential the next version will hold, reading tags only and changing nothing. Throws a
     * terminal failure when the tags do not say enough (no {@code ProviderAddress}, an unknown
     * {@code CredentialId}).
     */
    RotationPlan plan(SecretVersion current);

    /**
     * Creates the new credential without disturbing {@link RotationPlan#currentCredentialId()}, the one the latest
     * version hands out.
     *
     * @param expiresOn when the new credential should stop working, for credentials that carry their own expiry
     */
    IssuedCredential issue(RotationPlan plan, Instant expiresOn);

    /** Proves the new credential works before anyone is pointed at it; retryable when it does not work yet. */
    void verify(RotationPlan plan, IssuedCredential issued);

    /**
     * Called when verification failed for good: undoes {@link #issue} where that is possible, so nothing is left
     * behind unreported. Dual keys need nothing: the regenerated key was never handed out.
     */
    default void discard(RotationPlan plan, IssuedCredential issued) {
    }

    /**
     * Called after the new version is stored: removes credentials the policy says are superseded. Never the one
     * that the previous version still hands out during its overlap. Dual keys need nothing.
     */
    default void retire(RotationPlan plan, IssuedCredential issued, Instant now) {
    }

    /**
     * For the daily sweep: removes credentials that {@code latest} superseded longer ago than the policy's overlap,
     * without rotating; returns their ids. Dual keys have nothing to retire.
     */
    default List<String> retireOverdue(SecretVersion latest, Instant now) {
        return List.of();
    }

    /**
     * Revocation: makes every credential of the resource stop working now, except the one {@code keep} holds
     * (storage: regenerate the other key; app registration: remove every other password). Safe to call again.
     */
    void invalidateAllBut(SecretVersion keep);
}
