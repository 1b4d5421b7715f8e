package io.kvrotator.provider.servicebus;

import com.azure.resourcemanager.servicebus.ServiceBusManager;
import com.azure.resourcemanager.servicebus.fluent.ServiceBusManagementClient;
import com.azure.resourcemanager.servicebus.fluent.models.AccessKeysInner;
import com.azure.resourcemanager.servicebus.models.KeyType;
import com.azure.resourcemanager.servicebus.models.RegenerateAccessKeyParameters;
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
 * {@link SasRuleKeys} over {@code azure-resourcemanager-servicebus}: a namespace's, a queue's or a topic's rule;
 * one manager per subscription, built on use.
 */
final class ArmServiceBusRuleKeys implements SasRuleKeys {

    private final ArmManagers<ServiceBusManager> managers;

    ArmServiceBusRuleKeys(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile, retry) -> ServiceBusManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
    }

    @Override
    public Map<String, SecretValue> list(SasRule rule) {
        ServiceBusManagementClient client = client(rule);
        AccessKeysInner keys;
        if (rule.isNamespaceRule()) {
            keys = client.getNamespaces().listKeys(rule.resourceGroup(), rule.namespace(), rule.rule());
        } else if (rule.isOf("queues")) {
            keys = client.getQueues().listKeys(rule.resourceGroup(), rule.namespace(), rule.entity(), rule.rule());
        } else {
            keys = client.getTopics().listKeys(rule.resourceGroup(), rule.namespace(), rule.entity(), rule.rule());
        }
        return SasRuleKeys.byName(keys.primaryKey(), keys.secondaryKey());
    }

    @Override
    public SecretValue regenerate(SasRule rule, String keyName) {
        ServiceBusManagementClient client = client(rule);
        RegenerateAccessKeyParameters parameters = new RegenerateAccessKeyParameters()
                .withKeyType(KeyType.fromString(keyName));
        AccessKeysInner keys;
        if (rule.isNamespaceRule()) {
            keys = client.getNamespaces().regenerateKeysWithResponse(rule.resourceGroup(), rule.namespace(),
                    rule.rule(), parameters, ArmRetryPolicy.sentOnce()).getValue();
        } else if (rule.isOf("queues")) {
            keys = client.getQueues().regenerateKeysWithResponse(rule.resourceGroup(), rule.namespace(),
                    rule.entity(), rule.rule(), parameters, ArmRetryPolicy.sentOnce()).getValue();
        } else {
            keys = client.getTopics().regenerateKeysWithResponse(rule.resourceGroup(), rule.namespace(),
                    rule.entity(), rule.rule(), parameters, ArmRetryPolicy.sentOnce()).getValue();
        }
        SecretValue key = SasRuleKeys.byName(keys.primaryKey(), keys.secondaryKey()).get(keyName);
        if (key == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateKeys for Service Bus rule " + rule.rule()
                    + " returned no " + keyName);
        }
        return key;
    }


    private ServiceBusManagementClient client(SasRule rule) {
        return managers.of(rule.subscriptionId()).serviceClient();
    }
}
