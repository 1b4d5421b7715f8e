package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of ARM resource with two regenerable keys, as its management API lists and regenerates them (the JSON
 * shapes of the service's official REST examples). Registered with {@link ArmStandIn}, which keeps the keys.
 */
public interface ArmKeyedType {

    /** The resource type as it appears in the path, e.g. {@code Microsoft.ServiceBus/namespaces/authorizationRules}. */
    String resourceType();

    /** The keys' names as the service lists them, first and second. */
    List<String> keyNames();

    /** The POST action that lists the keys, e.g. {@code listKeys}. */
    String listAction();

    /** Whether the POST action (the path after the resource ID) regenerates a key. */
    boolean regenerates(String action);

    /** The key a regenerate request names (its body or its path); empty when it names none of them. */
    Optional<String> keyToRegenerate(StandIn.Request request, String action);

    /** The list action's response body. */
    ObjectNode listBody(String resourceId, Map<String, KeyState> keys);

    /**
     * The body ARM answers a GET of the resource with, for types whose provider reads the resource (a property that
     * decides whether the keys are in use, a region); empty: GET answers 404, as for an unknown type.
     */
    default Optional<ObjectNode> resourceBody(String resourceId) {
        return Optional.empty();
    }

    /** The regenerate action's response: the list body by default. */
    default StandIn.Response regenerated(String resourceId, Map<String, KeyState> keys) {
        return StandIn.Response.json(200, listBody(resourceId, keys));
    }
}
