package io.kvrotator.accessreview;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure resource of a given type, cut from a longer resource ID: the storage account of a storage account ID, the
 * namespace of a Service Bus authorization rule. In the shape Permissions - List For Resource takes it.
 *
 * @param parentPath the types and names between the namespace and the resource (e.g. {@code namespaces/ns} for a
 *                   rule); empty for a top-level resource
 */
public record ResourceRef(String subscriptionId, String resourceGroup, String namespace, String parentPath,
                          String type, String name, String id) {

    private static final Pattern PREFIX = Pattern.compile(
            "/subscriptions/([0-9A-Fa-f-]{36})/resourceGroups/([-\\w._()]{1,90})/providers/(.+)",
            Pattern.CASE_INSENSITIVE);

    /** The resource of {@code resourceType} (e.g. {@code Microsoft.ServiceBus/namespaces}) that {@code address} is or lies in. */
    public static Optional<ResourceRef> of(String address, String resourceType) {
        Matcher matcher = address == null ? null : PREFIX.matcher(address.trim());
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        String[] segments = matcher.group(3).split("/");
        String[] type = resourceType.split("/");
        int length = type.length * 2 - 1;
        if (segments.length < length || !segments[0].equalsIgnoreCase(type[0])) {
            return Optional.empty();
        }
        for (int i = 1; i < type.length; i++) {
            if (!segments[2 * i - 1].equalsIgnoreCase(type[i]) || segments[2 * i].isBlank()) {
                return Optional.empty();
            }
        }
        String parent = String.join("/", Arrays.copyOfRange(segments, 1, length - 2));
        String id = "/subscriptions/" + matcher.group(1) + "/resourceGroups/" + matcher.group(2) + "/providers/"
                + String.join("/", Arrays.copyOfRange(segments, 0, length));
        return Optional.of(new ResourceRef(matcher.group(1), matcher.group(2), segments[0], parent,
                segments[length - 2], segments[length - 1], id));
    }
}
