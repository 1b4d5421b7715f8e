package io.kvrotator.provider.eventhubs;

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
 * {@code CredentialType=EventHubsKey}: the keys of an Event Hubs authorization rule, on the namespace or on an event
 * hub, alternating {@code PrimaryKey}/{@code SecondaryKey}; the value is the key or, with
 * {@code ValueFormat=connectionString}, the rule's connection string.
 *
 * <p>Verified on the data plane: a SAS token made with the new key reads the event hub ("Get Event Hub"; a namespace
 * rule: "List Event Hubs") over the Event Hubs REST API. A rule without the Manage right may not read anything
 * there; its new key is verified on the control plane instead (ARM lists it for the rule), and the log says so.
 */
public final class EventHubsKeyFactory implements ProviderFactory {

    public static final String TYPE = "EventHubsKey";
    public static final SasService SERVICE = new SasService(TYPE, "Event Hubs", "Microsoft.EventHub",
            List.of("eventhubs"), "2014-01", "$Resources/EventHubs");

    public static final ProviderSetting ENDPOINT_TEMPLATE = new ProviderSetting(
            "ROTATOR_EVENTHUBS_ENDPOINT_TEMPLATE", "https://{namespace}.servicebus.windows.net",
            "Event Hubs namespace endpoint with {namespace} in it: a new key is tried there over HTTPS, and its host"
                    + " is the sb:// Endpoint of the connection strings kv-rotator writes; change only for a"
                    + " sovereign cloud.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_EVENTHUBS_KEY_VALIDITY_DAYS",
            "60", "Lifetime of a new Event Hubs key version when the secret has no ValidityPeriodDays tag; at least"
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
     * Azure has no built-in role as narrow as listing and regenerating rule keys (Azure Event Hubs Data Owner is
     * data plane only; Contributor writes everything), so a custom role with exactly those actions, assigned on
     * the rule's namespace: the narrowest scope that holds namespace and event hub rules alike.
     */
    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom("Microsoft.EventHub/namespaces", "kv-rotator Event Hubs Key Operator",
                List.of("Microsoft.EventHub/namespaces/authorizationRules/listkeys/action",
                        "Microsoft.EventHub/namespaces/authorizationRules/regenerateKeys/action",
                        "Microsoft.EventHub/namespaces/eventhubs/authorizationRules/listkeys/action",
                        "Microsoft.EventHub/namespaces/eventhubs/authorizationRules/regenerateKeys/action"),
                "list and regenerate the PrimaryKey/SecondaryKey of the namespace's authorization rules and of its"
                        + " event hubs'"));
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
                new ArmEventHubsRuleKeys(context.arm()), new NamespaceEndpoints(endpointTemplate),
                context.httpClient(), context.clock()), context.verifyRetry(), validity));
    }
}
