package io.kvrotator.provider;

import java.util.Optional;

/**
 * A {@link DualKeyService} whose resources are named by their Azure resource ID (a Redis cache, a search service, an
 * AI services, Cosmos DB or Batch account, a container registry): what follows from the type and the noun is written
 * once here; a service says only how to list, regenerate and try its keys.
 */
public abstract class ArmDualKeyService implements DualKeyService<ArmResourceId> {

    private final String credentialType;
    private final String resourceType;
    private final DualKeys keyNames;
    private final String noun;

    /**
     * @param resourceType e.g. {@code Microsoft.Cache/redis}
     * @param noun         how notices name such a resource, e.g. {@code Redis cache}
     */
    protected ArmDualKeyService(String credentialType, String resourceType, DualKeys keyNames, String noun) {
        this.credentialType = credentialType;
        this.resourceType = resourceType;
        this.keyNames = keyNames;
        this.noun = noun;
    }

    @Override
    public final String credentialType() {
        return credentialType;
    }

    @Override
    public final DualKeys keyNames() {
        return keyNames;
    }

    @Override
    public final String addressFormat() {
        return "the " + noun + "'s resource ID (/subscriptions/{id}/resourceGroups/{rg}/providers/" + resourceType
                + "/{name})";
    }

    @Override
    public Optional<ArmResourceId> parse(String providerAddress) {
        return ArmResourceId.parse(providerAddress, resourceType);
    }

    @Override
    public final String resourceId(ArmResourceId resource) {
        return resource.resourceId();
    }

    @Override
    public final String describe(ArmResourceId resource) {
        return noun + " " + resource.name();
    }
}
