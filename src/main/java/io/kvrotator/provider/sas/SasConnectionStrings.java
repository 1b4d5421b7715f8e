package io.kvrotator.provider.sas;

import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.vault.SecretValue;
import java.util.Optional;

/**
 * Service Bus and Event Hubs connection strings as the portal shows them:
 * {@code Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName={rule};SharedAccessKey={key}}, and
 * {@code ;EntityPath={entity}} for an entity's rule. The {@code Endpoint} comes from the provider's endpoint
 * template ({@link NamespaceEndpoints#sb}).
 */
final class SasConnectionStrings implements ConnectionStrings<SasRule> {

    private final NamespaceEndpoints endpoints;

    SasConnectionStrings(NamespaceEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public SecretValue build(SasRule rule, String keyName, SecretValue key) {
        return SecretValue.of("Endpoint=" + endpoints.sb(rule.namespace()) + ";SharedAccessKeyName=" + rule.rule()
                + ";SharedAccessKey=" + key.reveal() + (rule.isNamespaceRule() ? "" : ";EntityPath=" + rule.entity()));
    }

    @Override
    public Optional<SecretValue> key(SecretValue connectionString) {
        return ConnectionStrings.part(connectionString, ";", "SharedAccessKey");
    }
}
