package io.kvrotator.provider.sas;

import com.azure.core.http.HttpClient;
import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.provider.DualKeyService;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a Shared Access Signature authorization rule, {@code PrimaryKey}/{@code SecondaryKey}, of Service Bus
 * or Event Hubs ({@link SasService}): listed and regenerated through ARM, tried on the namespace's data plane with a
 * SAS token ({@link SasDataPlaneCheck}), written into connection strings with the namespace's {@code sb://}
 * endpoint.
 */
public final class SharedAccessKeys implements DualKeyService<SasRule> {

    private static final DualKeys KEYS = new DualKeys(SasRuleKeys.PRIMARY, SasRuleKeys.SECONDARY);

    private final SasService service;
    private final SasRuleKeys keys;
    private final SasDataPlaneCheck check;
    private final SasConnectionStrings connectionStrings;

    public SharedAccessKeys(SasService service, SasRuleKeys keys, NamespaceEndpoints endpoints, HttpClient http,
                            Clock clock) {
        this.service = service;
        this.keys = keys;
        this.check = new SasDataPlaneCheck(service, endpoints, http, clock, keys);
        this.connectionStrings = new SasConnectionStrings(endpoints);
    }

    @Override
    public String credentialType() {
        return service.credentialType();
    }

    @Override
    public DualKeys keyNames() {
        return KEYS;
    }

    @Override
    public String addressFormat() {
        String prefix = "/subscriptions/{id}/resourceGroups/{rg}/providers/" + service.resourceProvider()
                + "/namespaces/{namespace}";
        return "the authorization rule's resource ID (" + prefix + "/authorizationRules/{rule}, or " + prefix + "/{"
                + String.join("|", service.entityTypes()) + "}/{entity}/authorizationRules/{rule})";
    }

    @Override
    public Optional<SasRule> parse(String providerAddress) {
        return SasRule.parse(providerAddress, service);
    }

    @Override
    public String resourceId(SasRule rule) {
        return rule.resourceId();
    }

    @Override
    public String describe(SasRule rule) {
        return service.name() + " rule " + rule.rule() + (rule.isNamespaceRule() ? "" : " of "
                + entityNoun(rule.entityType()) + " " + rule.entity()) + " in namespace " + rule.namespace();
    }

    /** {@code queues} -> {@code queue}, {@code eventhubs} -> {@code event hub}. */
    private static String entityNoun(String entityType) {
        String singular = entityType.endsWith("s") ? entityType.substring(0, entityType.length() - 1) : entityType;
        return singular.equals("eventhub") ? "event hub" : singular;
    }

    @Override
    public Map<String, SecretValue> list(SasRule rule) {
        return keys.list(rule);
    }

    @Override
    public Optional<SecretValue> regenerate(SasRule rule, String keyName) {
        return Optional.of(keys.regenerate(rule, keyName));
    }

    @Override
    public void verify(SasRule rule, SecretValue key) {
        check.verify(rule, key);
    }

    @Override
    public Optional<ConnectionStrings<SasRule>> connectionStrings() {
        return Optional.of(connectionStrings);
    }
}
