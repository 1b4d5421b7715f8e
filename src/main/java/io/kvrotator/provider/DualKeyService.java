package io.kvrotator.provider;

import io.kvrotator.vault.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service whose resources have two regenerable keys (storage key1/key2, primary/secondary). It says how to find a
 * resource and list, regenerate and try its keys; {@link DualKeyProvider} does the alternation, the proof of
 * possession, the scope check and revocation for every such service alike.
 *
 * @param <R> the service's resource address, parsed from {@code ProviderAddress}
 */
public interface DualKeyService<R> {

    /** The {@code CredentialType} tag value. */
    String credentialType();

    /** The two keys' names as the service lists them, e.g. {@code key1}/{@code key2}. */
    DualKeys keyNames();

    /**
     * Every independent pair of the resource's keys, each alternating on its own; the value a secret holds decides
     * its pair (Cosmos DB: read-write {@code primary}/{@code secondary} and read-only
     * {@code primaryReadonly}/{@code secondaryReadonly}). Most services have one: {@link #keyNames()}.
     */
    default List<DualKeys> keyPairs() {
        return List.of(keyNames());
    }

    /** What {@code ProviderAddress} must hold, for a refusal, e.g. {@code the storage account's resource ID (...)}. */
    String addressFormat();

    /** The resource {@code ProviderAddress} names; empty when it is not such an address. */
    Optional<R> parse(String providerAddress);

    /** The resource's Azure resource ID, checked against the vault's resource scope. */
    String resourceId(R resource);

    /** How a notice names the resource, e.g. {@code storage account stdata}. */
    String describe(R resource);

    /** The resource's keys by name, as the service lists them now. */
    Map<String, SecretValue> list(R resource);

    /**
     * Regenerates one key and returns the new value the service answered; empty when the answer carries no key
     * (Cosmos DB's regenerate is a long-running operation that answers nothing). The request goes out at most once
     * ({@link ArmRetryPolicy#sentOnce()}): a regenerate sent again after a timeout may be applied twice, the first
     * time late. {@link KeyRegeneration} reads the key back rather than trusting this answer alone.
     */
    Optional<SecretValue> regenerate(R resource, String keyName);

    /** Returns normally when the service's data plane accepts the key; throws the SDK's exception when it does not. */
    void verify(R resource, SecretValue key);

    /** How consumers' connection strings are written, for {@code ValueFormat=connectionString}; empty: keys only. */
    default Optional<ConnectionStrings<R>> connectionStrings() {
        return Optional.empty();
    }
}
