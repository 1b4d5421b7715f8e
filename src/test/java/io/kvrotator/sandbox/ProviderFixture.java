package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The test side of one credential type: the settings that point its provider at its stand-ins, how to make a live
 * credential there, what a seed file says about it, and the calls a fault can hit. The sandbox, the seed file, the
 * fault matrix and the shared provider contract iterate over {@link ProviderFixtures#ALL}.
 */
public interface ProviderFixture {

    /** The {@code CredentialType} its provider rotates. */
    String credentialType();

    /** Whether the type's secrets may hold a connection string ({@code ValueFormat=connectionString}). */
    default boolean connectionStrings() {
        return false;
    }

    /** The {@code ValueFormat}s its secrets may have: the live value's first, then the connection string's. */
    default List<String> valueFormats() {
        return connectionStrings() ? List.of("key", "connectionString") : List.of("key");
    }

    /** App settings pointing the provider at the sandbox's stand-ins. */
    Map<String, String> settings(Sandbox sandbox);

    /** Creates a resource named after {@code name} with a live credential, as a secret would hold it. */
    Live createLive(Sandbox sandbox, String name);

    /** The protocol steps only this provider takes, found by the stand-in call each makes. */
    List<FaultPoint> faultPoints();

    /** Creates the resources a seed file lists for this provider (e.g. {@code storageAccounts}). */
    void createSeedResources(JsonNode seed, Sandbox sandbox);

    /** The value and tags of a seed-file secret that belongs to this provider; empty when it does not. */
    Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires);

    /** A credential live at a stand-in, with what tests ask the stand-in about it. */
    interface Live {

        String value();

        /** {@code CredentialType}, {@code CredentialId} and {@code ProviderAddress} as a secret holding it has them. */
        Map<String, String> tags();

        String credentialId();

        /** A well-formed {@code CredentialId} naming another credential of the resource: a lying tag. */
        String lyingCredentialId();

        /** The resource scope that lets {@code vault} rotate this credential. */
        ResourceScope scope(String vault);

        /** A scope of one resource group of the sandbox's subscription, as most resources' fixtures give. */
        static ResourceScope resourceGroupScope(String vault, String resourceGroup) {
            return new ResourceScope(vault, List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
                    + resourceGroup), Set.of());
        }

        /** Whether the service accepts {@code value} now, asked of the stand-in, not of the provider. */
        boolean accepts(String value);

        default boolean works() {
            return accepts(value());
        }

        /** Changing calls (not reads) the stand-ins answered for this resource so far. */
        int remoteWrites();

        /** Whether a stored version holds a credential the service accepts. */
        Predicate<VersionView> holdsAWorkingCredential();

        /** The live credential as the service's connection string, for types that have one. */
        default Optional<String> connectionString() {
            return Optional.empty();
        }

        /** The key inside a connection string of this service, as a consumer would read it. */
        default String keyOf(String connectionString) {
            throw new UnsupportedOperationException("no connection strings");
        }

        /** kv-rotator's credentials that no version in {@code versions} holds (only providers that add them). */
        default List<String> orphans(List<VersionView> versions) {
            return List.of();
        }
    }

    /** A protocol step found by the call it makes to a stand-in, for fault injection. */
    record FaultPoint(String name, String service, Predicate<StandIn.Request> calls) {
    }

    record SeedValue(String value, Map<String, String> tags) {
    }
}
