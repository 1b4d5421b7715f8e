package io.kvrotator.accessreview;

import io.kvrotator.provider.ArmResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Azure resource of a given type, cut from a longer resource ID: the storage account of a storage account ID, the
 * namespace of a Service Bus authorization rule. In the shape Permissions - List For Resource takes it.
 *
 * @param parentPath the types and names between the namespace and the resource (e.g. {@code namespaces/ns} for a
 *                   rule); empty for a top-level resource
 */
public record ResourceRef(String subscriptionId, String resourceGroup, String namespace, String parentPath,
                          String type, String name, String id) {

    /** The resource of {@code resourceType} (e.g. {@code Microsoft.ServiceBus/namespaces}) that {@code address} is or lies in. */
    public static Optional<ResourceRef> of(String address, String resourceType) {
        String[] type = resourceType.split("/");
        return ArmResourceId.within(address, resourceType).map(id -> {
            List<String> parent = new ArrayList<>();
            for (int i = 1; i < type.length - 1; i++) {
                parent.add(type[i]);
                parent.add(id.names().get(i - 1));
            }
            return new ResourceRef(id.subscriptionId(), id.resourceGroup(), type[0], String.join("/", parent),
                    type[type.length - 1], id.name(), id.resourceId());
        });
    }
}
