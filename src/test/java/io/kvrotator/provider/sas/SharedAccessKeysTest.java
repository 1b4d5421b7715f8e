package io.kvrotator.provider.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.app.Settings;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderContext;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.provider.eventhubs.EventHubsKeyFactory;
import io.kvrotator.provider.servicebus.ServiceBusKeyFactory;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Service Bus and Event Hubs rule keys beyond the shared provider contract (which covers a queue rule and an Event
 * Hubs namespace rule): every kind of rule address, connection strings per endpoint, and the data-plane check with
 * its control-plane fallback for rules without Manage, through the registered factories and the sandbox.
 */
class SharedAccessKeysTest {

    private static final String RG = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-sas";
    private static final String SB = RG + "/providers/Microsoft.ServiceBus/namespaces/sb-sas";
    private static final String EH = RG + "/providers/Microsoft.EventHub/namespaces/evh-sas";

    @Nested
    @DisplayName("a ProviderAddress")
    class Addresses {

        @Test
        @DisplayName("names a namespace rule or a queue's or topic's rule of Service Bus, ignoring the case of types")
        void serviceBusRules() {
            SasService service = serviceBus();

            assertThat(SasRule.parse(SB + "/authorizationRules/RootManageSharedAccessKey", service)).get()
                    .satisfies(rule -> {
                        assertThat(rule.isNamespaceRule()).isTrue();
                        assertThat(rule.namespace()).isEqualTo("sb-sas");
                        assertThat(rule.rule()).isEqualTo("RootManageSharedAccessKey");
                        assertThat(rule.resourceGroup()).isEqualTo("rg-sas");
                    });
            assertThat(SasRule.parse(SB + "/Queues/orders/AuthorizationRules/send", service)).get().satisfies(rule -> {
                assertThat(rule.isOf("queues")).isTrue();
                assertThat(rule.entity()).isEqualTo("orders");
                assertThat(rule.rule()).isEqualTo("send");
            });
            assertThat(SasRule.parse(SB + "/topics/events/authorizationRules/listen/", service)).get()
                    .satisfies(rule -> assertThat(rule.isOf("topics")).isTrue());
        }

        @Test
        @DisplayName("names a namespace rule or an event hub's rule of Event Hubs")
        void eventHubsRules() {
            SasService service = eventHubs();

            assertThat(SasRule.parse(EH + "/authorizationRules/writer", service)).get()
                    .satisfies(rule -> assertThat(rule.isNamespaceRule()).isTrue());
            assertThat(SasRule.parse(EH + "/eventhubs/telemetry/authorizationRules/writer", service)).get()
                    .satisfies(rule -> assertThat(rule.entity()).isEqualTo("telemetry"));
        }

        @Test
        @DisplayName("is refused when it is another service's rule, a namespace, a subscription's rule or no rule at all")
        void refused() {
            assertThat(SasRule.parse(SB + "/queues/orders/authorizationRules/send", eventHubs())).isEmpty();
            assertThat(SasRule.parse(EH + "/authorizationRules/writer", serviceBus())).isEmpty();
            assertThat(SasRule.parse(SB, serviceBus())).isEmpty();
            assertThat(SasRule.parse(SB + "/topics/t/subscriptions/s/authorizationRules/r", serviceBus())).isEmpty();
            assertThat(SasRule.parse(SB + "/eventhubs/e/authorizationRules/r", serviceBus())).isEmpty();
            assertThat(SasRule.parse("sb-sas/send", serviceBus())).isEmpty();
            assertThat(SasRule.parse(null, serviceBus())).isEmpty();
        }
    }

    @Nested
    @DisplayName("a connection string")
    class ConnectionStringsOfRules {

        private final SasRule queueRule = SasRule.parse(SB + "/queues/orders/authorizationRules/send", serviceBus())
                .orElseThrow();
        private final SasRule namespaceRule = SasRule.parse(EH + "/authorizationRules/writer", eventHubs())
                .orElseThrow();
        private final SecretValue key = SecretValue.of("c2FtcGxlLWtleS1ub3QtYS1yZWFsLW9uZS0tLS0tLS0=");

        @Test
        @DisplayName("is written as the portal shows it, with EntityPath for an entity's rule only")
        void written() {
            SasConnectionStrings strings = new SasConnectionStrings(
                    new NamespaceEndpoints("https://{namespace}.servicebus.windows.net"));

            assertThat(strings.build(queueRule, "PrimaryKey", key).reveal()).isEqualTo("Endpoint=sb://sb-sas"
                    + ".servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + key.reveal()
                    + ";EntityPath=orders");
            assertThat(strings.build(namespaceRule, "SecondaryKey", key).reveal()).isEqualTo("Endpoint=sb://evh-sas"
                    + ".servicebus.windows.net/;SharedAccessKeyName=writer;SharedAccessKey=" + key.reveal());
        }

        @Test
        @DisplayName("takes its Endpoint from the endpoint template: a sovereign cloud's host, or the sandbox's URL")
        void endpointFromTheTemplate() {
            assertThat(new NamespaceEndpoints("https://{namespace}.servicebus.usgovcloudapi.net/").sb("sb-sas"))
                    .isEqualTo("sb://sb-sas.servicebus.usgovcloudapi.net/");
            assertThat(new NamespaceEndpoints("https://127.0.0.1:8443/{namespace}").sb("sb-sas"))
                    .isEqualTo("sb://127.0.0.1:8443/sb-sas/");
            assertThat(new NamespaceEndpoints("https://127.0.0.1:8443/{namespace}").https("sb-sas"))
                    .isEqualTo("https://127.0.0.1:8443/sb-sas");
            assertThatThrownBy(() -> new NamespaceEndpoints("https://servicebus.windows.net"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("gives back its key, '=' padding included, whatever the order and case of its parts")
        void readBack() {
            SasConnectionStrings strings = new SasConnectionStrings(
                    new NamespaceEndpoints("https://{namespace}.servicebus.windows.net"));

            assertThat(strings.key(strings.build(queueRule, "PrimaryKey", key))).contains(key);
            assertThat(strings.key(SecretValue.of("sharedaccesskey=" + key.reveal() + ";Endpoint=sb://x/")))
                    .contains(key);
            assertThat(strings.key(SecretValue.of("Endpoint=sb://x/;SharedAccessKeyName=send"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("through the factory and the sandbox")
    class InTheSandbox {

        private static final String VAULT = "kv-dev-sas";
        private Sandbox sandbox;
        private Settings settings;

        @BeforeEach
        void start() {
            sandbox = Sandbox.start(new MutableClock(Instant.parse("2026-11-22T07:00:00Z")));
            settings = Settings.from(sandbox.appSettings(VAULT));
        }

        @AfterEach
        void stop() {
            sandbox.close();
        }

        @Test
        @DisplayName("a Service Bus namespace rule and a topic rule rotate, verified on the data plane")
        void serviceBusNamespaceAndTopicRules() {
            for (String ruleId : List.of(SB + "/authorizationRules/RootManageSharedAccessKey",
                    SB + "/topics/events/authorizationRules/publisher")) {
                String primary = sandbox.serviceBus.createRule(ruleId);
                sandbox.serviceBus.clearCalls();

                IssuedCredential issued = rotate(ServiceBusKeyFactory.TYPE, ruleId, primary);

                assertThat(issued.credentialId()).isEqualTo("SecondaryKey");
                assertThat(sandbox.arm.acceptsKey(ruleId, issued.value().reveal())).isTrue();
                assertThat(sandbox.arm.acceptsKey(ruleId, primary)).isTrue();
                assertThat(sandbox.serviceBus.calls()).singleElement()
                        .satisfies(call -> assertThat(call.status()).isEqualTo(200));
            }
            assertThat(sandbox.serviceBus.calls().get(0).path()).isEqualTo("/sb-sas/events");
        }

        @Test
        @DisplayName("an event hub's rule rotates as a connection string, verified on the data plane")
        void eventHubRuleAsConnectionString() {
            String ruleId = EH + "/eventhubs/telemetry/authorizationRules/writer";
            String primary = sandbox.eventHubs.createRule(ruleId);
            String current = "Endpoint=sb://" + sandbox.eventHubs.baseUrl().substring("https://".length())
                    + "/evh-sas/;SharedAccessKeyName=writer;SharedAccessKey=" + primary + ";EntityPath=telemetry";

            IssuedCredential issued = rotate(EventHubsKeyFactory.TYPE, ruleId, current,
                    Map.of(Tags.VALUE_FORMAT, "connectionString"));

            String newKey = sandbox.arm.keysOf(ruleId).get("SecondaryKey").value();
            assertThat(issued.value().reveal()).isEqualTo(current.replace(primary, newKey));
            assertThat(sandbox.eventHubs.calls()).singleElement().satisfies(call -> {
                assertThat(call.path()).isEqualTo("/evh-sas/telemetry");
                assertThat(call.status()).isEqualTo(200);
            });
        }

        @Test
        @DisplayName("a rule without Manage is verified on the control plane, and the log says so")
        void ruleWithoutManage() {
            String ruleId = SB + "/queues/orders/authorizationRules/send-only";
            String primary = sandbox.serviceBus.createRule(ruleId, Set.of("Send"));

            try (LogCapture logs = LogCapture.start()) {
                IssuedCredential issued = rotate(ServiceBusKeyFactory.TYPE, ruleId, primary);

                assertThat(sandbox.arm.acceptsKey(ruleId, issued.value().reveal())).isTrue();
                assertThat(logs.linesContaining("sas.verified_at_control_plane")).singleElement().asString()
                        .contains("rule=" + ruleId).contains("no Manage right");
            }
            assertThat(sandbox.serviceBus.calls()).singleElement()
                    .satisfies(call -> assertThat(call.status()).isEqualTo(401));
        }

        @Test
        @DisplayName("a key that is not the rule's fails verification, with or without Manage, retryably")
        void wrongKeyFails() {
            for (Set<String> rights : List.of(Set.of("Listen", "Send", "Manage"), Set.of("Listen"))) {
                String ruleId = EH + "/authorizationRules/rule-" + rights.size();
                String primary = sandbox.eventHubs.createRule(ruleId, rights);
                CredentialProvider<RotationPlan> provider = provider(EventHubsKeyFactory.TYPE);
                RotationPlan plan = provider.plan(version(ruleId, Map.of()), SecretValue.of(primary), scope());

                assertThatThrownBy(() -> provider.verify(plan, new IssuedCredential("SecondaryKey",
                        SecretValue.of("bm90LXRoZS1ydWxlcy1rZXktYXQtYWxsLS0tLS0tLS0tLS0="), null)))
                        .isInstanceOfSatisfying(RotationException.class, e ->
                                assertThat(e.failure()).isInstanceOf(Failure.Retryable.class));
            }
        }

        private IssuedCredential rotate(String type, String ruleId, String currentValue) {
            return rotate(type, ruleId, currentValue, Map.of());
        }

        private IssuedCredential rotate(String type, String ruleId, String currentValue, Map<String, String> tags) {
            CredentialProvider<RotationPlan> provider = provider(type);
            RotationPlan plan = provider.plan(version(ruleId, tags), SecretValue.of(currentValue), scope());
            assertThat(plan.currentCredentialId()).isEqualTo("PrimaryKey");
            IssuedCredential issued = provider.issue(plan, Instant.parse("2027-01-21T07:00:00Z"));
            provider.verify(plan, issued);
            return issued;
        }

        @SuppressWarnings("unchecked")
        private CredentialProvider<RotationPlan> provider(String type) {
            ProviderContext context = sandbox.providerContext(settings);
            return (CredentialProvider<RotationPlan>) settings.providers().stream()
                    .filter(configured -> configured.credentialType().equals(type)).findFirst().orElseThrow()
                    .build(context);
        }

        private SecretVersion version(String ruleId, Map<String, String> extraTags) {
            Map<String, String> tags = new HashMap<>(Map.of(Tags.CREDENTIAL_TYPE, ruleId.contains("EventHub")
                    ? EventHubsKeyFactory.TYPE : ServiceBusKeyFactory.TYPE, Tags.PROVIDER_ADDRESS, ruleId,
                    Tags.CREDENTIAL_ID, "PrimaryKey"));
            tags.putAll(extraTags);
            Instant now = sandbox.clock().instant();
            return new SecretVersion(new SecretRef(VAULT, "SAS-SECRET"), "0123456789abcdef0123456789abcdef", true,
                    now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)), now.plus(Duration.ofDays(20)),
                    null, tags);
        }

        private ResourceScope scope() {
            return new ResourceScope(VAULT, List.of(RG), Set.of());
        }
    }

    private static SasService serviceBus() {
        return ServiceBusKeyFactory.SERVICE;
    }

    private static SasService eventHubs() {
        return EventHubsKeyFactory.SERVICE;
    }
}
