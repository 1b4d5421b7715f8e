package io.kvrotator.provider.eventhubs;

import com.azure.resourcemanager.eventhubs.EventHubsManager;
import com.azure.resourcemanager.eventhubs.fluent.EventHubManagementClient;
import com.azure.resourcemanager.eventhubs.fluent.models.AccessKeysInner;
import com.azure.resourcemanager.eventhubs.models.KeyType;
import com.azure.resourcemanager.eventhubs.models.RegenerateAccessKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.provider.sas.SasRule;
import io.kvrotator.provider.sas.SasRuleKeys;
import io.kvrotator.vault.SecretValue;
import java.util.Map;

/**
 * {@link SasRuleKeys} over {@code azure-resourcemanager-eventhubs}: a namespace's or an event hub's rule;
 * one manager per subscription, built on use.
 */
final class ArmEventHubsRuleKeys implements SasRuleKeys {

    private final ArmManagers<EventHubsManager> managers;

    ArmEventHubsRuleKeys(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile, retry) -> EventHubsManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
    }

    @Override
    public Map<String, SecretValue> list(SasRule rule) {
        EventHubManagementClient client = client(rule);
        AccessKeysInner keys;
        if (rule.isNamespaceRule()) {
            keys = client.getNamespaces().listKeys(rule.resourceGroup(), rule.namespace(), rule.rule());
        } else {
            keys = client.getEventHubs().listKeys(rule.resourceGroup(), rule.namespace(), rule.entity(), rule.rule());
        }
        return SasRuleKeys.byName(keys.primaryKey(), keys.secondaryKey());
    }

    @Override
    public SecretValue regenerate(SasRule rule, String keyName) {
        EventHubManagementClient client = client(rule);
        RegenerateAccessKeyParameters parameters = new RegenerateAccessKeyParameters()
                .withKeyType(KeyType.fromString(keyName));
        AccessKeysInner keys;
        if (rule.isNamespaceRule()) {
            keys = client.getNamespaces().regenerateKeysWithResponse(rule.resourceGroup(), rule.namespace(),
                    rule.rule(), parameters, ArmRetryPolicy.sentOnce()).getValue();
        } else {
            keys = client.getEventHubs().regenerateKeysWithResponse(rule.resourceGroup(), rule.namespace(),
                    rule.entity(), rule.rule(), parameters, ArmRetryPolicy.sentOnce()).getValue();
        }
        SecretValue key = SasRuleKeys.byName(keys.primaryKey(), keys.secondaryKey()).get(keyName);
        if (key == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateKeys for Event Hubs rule " + rule.rule()
                    + " returned no " + keyName);
        }
        return key;
    }


    private EventHubManagementClient client(SasRule rule) {
        return managers.of(rule.subscriptionId()).serviceClient();
    }
}
