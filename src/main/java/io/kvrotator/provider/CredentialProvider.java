package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.List;

/**
 * Rotates one type of credential, named by a secret's {@code CredentialType} tag. The rotation core calls plan,
 * issue, verify, then (after the new version is stored) retire, each under the rotation lock. Every method throws
 * {@link RotationException} with a {@code Retryable} failure for what may heal (throttling, eventual consistency)
 * and a {@code Terminal} one for what will not; raw Azure SDK exceptions are classified by the core.
 *
 * @param <P> the provider's own plan, carrying what planning resolved for the later steps
 */
public interface CredentialProvider<P extends RotationPlan> {

    /** The {@code CredentialType} tag value this provider rotates, e.g. {@code StorageAccountKey}. */
    String credentialType();

    /**
     * Lifetime of a new version when the secret has no {@code ValidityPeriodDays} tag: a {@code Duration}, or a
     * {@code Period} for calendar lifetimes such as 18 months (added in UTC).
     */
    TemporalAmount defaultValidity();

    /**
     * Proves that {@code currentValue} (the latest version's value) is a credential of the resource the tags name,
     * and that the resource lies in {@code scope}; the proof, never the {@code CredentialId} tag, says which
     * credential is in use. Changes nothing. A refusal (no such resource, out of scope, a value that is not one of
     * its credentials, unusable tags) is terminal.
     */
    P plan(SecretVersion current, SecretValue currentValue, ResourceScope scope);

    /**
     * Creates the new credential without disturbing {@link RotationPlan#currentCredentialId()}.
     *
     * @param expiresOn when the new credential should stop working, for credentials that carry their own expiry
     */
    IssuedCredential issue(P plan, Instant expiresOn);

    /** Proves the new credential works before anyone is pointed at it; retryable when it does not work yet. */
    void verify(P plan, IssuedCredential issued);

    /**
     * Called only when verification failed for good, so the credential was never stored: undoes {@link #issue}
     * where that is possible. Dual keys need nothing: the regenerated key was never handed out.
     */
    default void discard(P plan, IssuedCredential issued) {
    }

    /**
     * Called after the new version is stored: removes credentials the policy says are superseded. Never the one
     * that the previous version still hands out during its overlap. Dual keys need nothing.
     */
    default void retire(P plan, IssuedCredential issued, Instant now) {
    }

    /** Whether {@link #retireOverdue} can ever remove anything, so the sweep proves possession only where it can. */
    default boolean retiresOverdue() {
        return false;
    }

    /**
     * For the daily sweep: removes credentials that the latest version (proven by {@code plan}) superseded longer
     * ago than the policy's overlap, without rotating; returns their ids. Never the one the latest version holds.
     */
    default List<String> retireOverdue(P plan, Instant now) {
        return List.of();
    }

    /**
     * Revocation: makes every credential of the planned resource stop working now, except {@code keepCredentialId}
     * (storage: regenerate the other key; app registration: remove every other password). Retirement passes null:
     * every credential stops working (storage: both keys are regenerated; app registration: every password is
     * removed). Safe to call again.
     *
     * @param keepCredentialId the credential that keeps working, or null for none
     */
    void invalidateAllBut(P plan, String keepCredentialId);

    /**
     * Every credential of the planned resource as the plan read it, whoever made it, described for the people who
     * approve a revocation or retirement ({@link #invalidateAllBut} makes them stop working). Changes nothing.
     */
    List<ProviderCredential> credentials(P plan);

    /**
     * Revocation's check: whether the resource still accepts {@code value}, asked of the provider itself (its key
     * list, its token endpoint). Retryable when the provider cannot say.
     */
    boolean stillAccepts(P plan, SecretValue value);
}
