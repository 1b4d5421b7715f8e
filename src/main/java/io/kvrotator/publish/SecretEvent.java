package io.kvrotator.publish;

import io.kvrotator.vault.SecretRef;
import java.time.Instant;
import java.util.List;

/**
 * What kv-rotator tells machines about a secret: its {@code subject} is {@code vault/secret}, and its {@code data}
 * has {@code vault} and {@code secret} before the record's other fields.
 */
public sealed interface SecretEvent extends OutcomeEvent {

    SecretRef secret();

    @Override
    default String vault() {
        return secret().vault();
    }

    @Override
    default String subject() {
        return secret().vault() + "/" + secret().name();
    }

    /**
     * A new version holds a new credential: read the secret again.
     *
     * @param trigger the version's {@code RotatedBy}: {@code event:<id>}, {@code http:<caller>} or {@code sweep}
     * @param caller  who asked, for a rotation over HTTP (a revocation's rotation too); null otherwise
     */
    record Rotated(SecretRef secret, Instant time, String newVersion, String previousVersion, String credentialId,
                   Instant expiresOn, String trigger, String reason, String caller) implements SecretEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "rotated";
        }

        @Override
        public String outcome() {
            return newVersion;
        }
    }

    /**
     * An unattended rotation (an event's, the sweep's) failed at {@code step}; {@code retryable} ones are tried again.
     * Announced when its owners are told: once per version and kind of failure. A caller over HTTP gets its failure
     * in the response instead.
     *
     * @param version the latest version the rotation started from; null when the secret could not be read
     */
    record RotationFailed(SecretRef secret, Instant time, String version, Instant expiresOn, String trigger,
                          String reason, String step, boolean retryable, String error)
            implements SecretEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "rotationFailed";
        }

        @Override
        public String outcome() {
            return version + "/" + (retryable ? "retryable" : "terminal-" + step);
        }
    }

    /**
     * A compromised credential was revoked: only {@code credentialId}, in {@code newVersion}, still works, and the
     * {@code disabledVersions} are disabled.
     *
     * @param how                {@code rotated} (a new credential replaced the compromised one), {@code invalidated}
     *                           (an older version was compromised) or {@code already_revoked}, as the HTTP API says
     * @param compromisedVersion the version the request named; null for "the latest"
     */
    record Revoked(SecretRef secret, Instant time, String newVersion, String credentialId, Instant expiresOn,
                   String how, List<String> disabledVersions, String compromisedVersion, String reason,
                   String caller, String approvedBy) implements SecretEvent {
        public Revoked {
            disabledVersions = List.copyOf(disabledVersions);
        }

        @Override
        public String type() {
            return TYPE_PREFIX + "revoked";
        }

        @Override
        public String outcome() {
            return newVersion + "/" + (compromisedVersion == null ? "latest" : compromisedVersion);
        }
    }

    /**
     * The secret was retired without replacement, approved by a second person: every version is disabled, nothing
     * rotates it any more; consumers must stop using it.
     *
     * @param version             the latest version when it was retired
     * @param invalidatedAtProvider every credential it held was made to stop working at the provider (false: the
     *                            owners were told what remains to be done there)
     */
    record Retired(SecretRef secret, Instant time, String version, List<String> disabledVersions,
                   boolean invalidatedAtProvider, String reason, String requestedBy, String approvedBy)
            implements SecretEvent {
        public Retired {
            disabledVersions = List.copyOf(disabledVersions);
        }

        @Override
        public String type() {
            return TYPE_PREFIX + "retired";
        }

        @Override
        public String outcome() {
            return version;
        }
    }

    /**
     * The daily sweep found the secret past an alert threshold ({@code 30d} ... {@code 1d}, or {@code expired}).
     *
     * @param rotatedAutomatically the secret has a {@code CredentialType}, so kv-rotator should have rotated it
     */
    record NearExpiry(SecretRef secret, Instant time, Instant expiresOn, String threshold, long daysLeft,
                      boolean rotatedAutomatically, String trigger) implements SecretEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "nearExpiry";
        }

        @Override
        public String outcome() {
            return expiresOn + "/" + threshold;
        }
    }
}
