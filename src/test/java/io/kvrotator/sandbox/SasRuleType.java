package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service Bus and Event Hubs authorization rules at the ARM stand-in: {@code listKeys} and {@code regenerateKeys}
 * (body {@code {"keyType": "PrimaryKey"}}) on the rule's resource ID, answered with the {@code AccessKeys} body of the
 * official examples (keys, connection strings as Azure writes them, the rule's name).
 */
public final class SasRuleType implements ArmKeyedType {

    public static final SasRuleType SERVICE_BUS = new SasRuleType("Microsoft.ServiceBus");
    public static final SasRuleType EVENT_HUBS = new SasRuleType("Microsoft.EventHub");

    private final String resourceProvider;

    private SasRuleType(String resourceProvider) {
        this.resourceProvider = resourceProvider;
    }

    @Override
    public String resourceType() {
        return resourceProvider + "/namespaces/authorizationRules";
    }

    @Override
    public List<String> keyNames() {
        return List.of("PrimaryKey", "SecondaryKey");
    }

    @Override
    public String listAction() {
        return "listKeys";
    }

    @Override
    public boolean regenerates(String action) {
        return action.equalsIgnoreCase("regenerateKeys");
    }

    @Override
    public Optional<String> keyToRegenerate(StandIn.Request request, String action) {
        JsonNode body = request.json();
        String keyType = body == null ? "" : body.path("keyType").asText("");
        return keyNames().stream().filter(keyType::equals).findFirst();
    }

    @Override
    public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
        String[] parts = resourceId.split("/");
        String namespace = parts[8];
        String rule = parts[parts.length - 1];
        String entity = parts.length > 11 ? ";EntityPath=" + parts[10] : "";
        String endpoint = "Endpoint=sb://" + namespace + ".servicebus.windows.net/;SharedAccessKeyName=" + rule
                + ";SharedAccessKey=";
        ObjectNode body = StandIn.JSON.createObjectNode();
        body.put("primaryConnectionString", endpoint + keys.get("PrimaryKey").value() + entity);
        body.put("secondaryConnectionString", endpoint + keys.get("SecondaryKey").value() + entity);
        body.put("primaryKey", keys.get("PrimaryKey").value());
        body.put("secondaryKey", keys.get("SecondaryKey").value());
        body.put("keyName", rule);
        return body;
    }
}
