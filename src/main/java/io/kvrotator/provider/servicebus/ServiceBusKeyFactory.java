package io.kvrotator.provider.servicebus;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import io.kvrotator.provider.sas.NamespaceEndpoints;
import io.kvrotator.provider.sas.SasService;
import io.kvrotator.provider.sas.SharedAccessKeys;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=ServiceBusKey}: the keys of a Service Bus authorization rule, on the namespace or on a queue
 * or topic, alternating {@code PrimaryKey}/{@code SecondaryKey}; the value is the key or, with
 * {@code ValueFormat=connectionString}, the rule's connection string.
 *
 * <p>Verified on the data plane: a SAS token made with the new key reads the queue or topic (a namespace rule: one
 * page of the namespace's queues) over Service Bus's REST API. A rule without the Manage right may not read
 * anything there; its new key is verified on the control plane instead (ARM lists it for the rule), and the log
 * says so.
 */
public final class ServiceBusKeyFactory implements ProviderFactory {

    public static final String TYPE = "ServiceBusKey";
    public static final SasService SERVICE = new SasService(TYPE, "Service Bus", "Microsoft.ServiceBus",
            List.of("queues", "topics"), "2021-05", "$Resources/queues?$skip=0&$top=1");

    public static final ProviderSetting ENDPOINT_TEMPLATE = new ProviderSetting(
            "ROTATOR_SERVICEBUS_ENDPOINT_TEMPLATE", "https://{namespace}.servicebus.windows.net",
            "Service Bus namespace endpoint with {namespace} in it: a new key is tried there over HTTPS, and its host"
                    + " is the sb:// Endpoint of the connection strings kv-rotator writes; change only for a"
                    + " sovereign cloud.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_SERVICEBUS_KEY_VALIDITY_DAYS",
            "60", "Lifetime of a new Service Bus key version when the secret has no ValidityPeriodDays tag; at least"
                    + " 1.5 times ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(ENDPOINT_TEMPLATE, VALIDITY_DAYS);
    }

    /**
     * Azure has no built-in role as narrow as listing and regenerating rule keys (Azure Service Bus Data Owner is
     * data plane only; Contributor writes everything), so a custom role with exactly those actions, assigned on
     * the rule's namespace: the narrowest scope that holds namespace, queue and topic rules alike.
     */
    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom("Microsoft.ServiceBus/namespaces", "kv-rotator Service Bus Key Operator",
                List.of("Microsoft.ServiceBus/namespaces/authorizationRules/listkeys/action",
                        "Microsoft.ServiceBus/namespaces/authorizationRules/regenerateKeys/action",
                        "Microsoft.ServiceBus/namespaces/queues/authorizationRules/listkeys/action",
                        "Microsoft.ServiceBus/namespaces/queues/authorizationRules/regenerateKeys/action",
                        "Microsoft.ServiceBus/namespaces/topics/authorizationRules/listkeys/action",
                        "Microsoft.ServiceBus/namespaces/topics/authorizationRules/regenerateKeys/action"),
                "list and regenerate the PrimaryKey/SecondaryKey of the namespace's authorization rules and of its"
                        + " queues' and topics'"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String endpointTemplate = values.url(ENDPOINT_TEMPLATE, NamespaceEndpoints.PLACEHOLDER);
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new SharedAccessKeys(SERVICE,
                new ArmServiceBusRuleKeys(context.arm()), new NamespaceEndpoints(endpointTemplate),
                context.httpClient(), context.clock()), context.verifyRetry(), validity));
    }
}
