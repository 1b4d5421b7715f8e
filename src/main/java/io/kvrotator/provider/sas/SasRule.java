package io.kvrotator.provider.sas;

import io.kvrotator.provider.ArmResourceId;
import java.util.Locale;
import java.util.Optional;

/**
 * A Shared Access Signature authorization rule, as a {@code ProviderAddress} tag holds it: a namespace's rule
 * ({@code .../namespaces/{namespace}/authorizationRules/{rule}}) or an entity's
 * ({@code .../namespaces/{namespace}/{entityType}/{entity}/authorizationRules/{rule}}).
 *
 * @param entityType the entity type as the service spells it ({@code queues}, {@code topics}, {@code eventhubs});
 *                   null for a namespace rule
 * @param entity     the queue, topic or event hub; null for a namespace rule
 */
public record SasRule(String resourceId, String subscriptionId, String resourceGroup, String namespace,
                      String entityType, String entity, String rule) {

    /** The rule {@code address} names, if it is a rule of one of {@code service}'s rule types. */
    public static Optional<SasRule> parse(String address, SasService service) {
        for (String type : service.ruleTypes()) {
            Optional<ArmResourceId> id = ArmResourceId.parse(address, type);
            if (id.isPresent()) {
                ArmResourceId rule = id.get();
                String[] typeParts = type.split("/");
                boolean namespaceRule = rule.names().size() == 2;
                return Optional.of(new SasRule(rule.resourceId(), rule.subscriptionId(), rule.resourceGroup(),
                        rule.names().get(0), namespaceRule ? null : typeParts[2].toLowerCase(Locale.ROOT),
                        namespaceRule ? null : rule.names().get(1), rule.name()));
            }
        }
        return Optional.empty();
    }

    public boolean isNamespaceRule() {
        return entity == null;
    }

    /** Whether this is a rule of the entity type {@code type} (ignoring case, as ARM does). */
    public boolean isOf(String type) {
        return entityType != null && entityType.equalsIgnoreCase(type);
    }
}
