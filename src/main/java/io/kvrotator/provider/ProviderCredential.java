package io.kvrotator.provider;

/**
 * One credential of a resource as people know it, for the notice that asks a second person to approve a revocation
 * or a retirement: never its value.
 *
 * @param id          the credential's id as {@code CredentialId} holds it, e.g. {@code key1} or a password's key ID
 * @param description how people recognise it, e.g. {@code key1 of storage account stpayments} or an app password's
 *                    display name, hint and end date
 */
public record ProviderCredential(String id, String description) {
}
