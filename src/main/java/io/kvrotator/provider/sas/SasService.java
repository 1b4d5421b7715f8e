package io.kvrotator.provider.sas;

import java.util.ArrayList;
import java.util.List;

/**
 * What sets one Shared Access Signature service apart from the other: Service Bus and Event Hubs keep their
 * authorization rules, keys, SAS tokens and connection strings alike, and differ in their resource provider, the
 * kinds of entity that have rules, and the data-plane REST API a new key is tried on.
 *
 * @param credentialType      the {@code CredentialType} tag value, e.g. {@code ServiceBusKey}
 * @param name                how notices name the service, e.g. {@code Service Bus}
 * @param resourceProvider    e.g. {@code Microsoft.ServiceBus}
 * @param entityTypes         the entity types whose rules rotate, as ARM spells them, e.g. {@code queues},
 *                            {@code topics}
 * @param apiVersion          the data-plane REST API version of the check, e.g. {@code 2021-05}
 * @param namespaceListing    the data-plane path below the namespace that lists its entities (one page, read only),
 *                            tried with a namespace rule's key, e.g. {@code $Resources/queues}
 */
public record SasService(String credentialType, String name, String resourceProvider, List<String> entityTypes,
                         String apiVersion, String namespaceListing) {

    public SasService {
        entityTypes = List.copyOf(entityTypes);
    }

    /** The authorization rule resource types ARM has for this service: the namespace's, then each entity type's. */
    List<String> ruleTypes() {
        List<String> types = new ArrayList<>();
        types.add(resourceProvider + "/namespaces/authorizationRules");
        entityTypes.forEach(entity -> types.add(resourceProvider + "/namespaces/" + entity + "/authorizationRules"));
        return types;
    }
}
