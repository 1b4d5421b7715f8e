package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.provider.sas.SharedAccessSignature;
import io.kvrotator.testing.JsonShape;
import io.kvrotator.vault.SecretValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Service Bus and Event Hubs stand-ins answer like the official REST examples in
 * {@code src/test/resources/contracts/servicebus} and {@code .../eventhubs} (listKeys and regenerateKeys of namespace
 * and entity rules, at the API versions the SDKs call), and their data planes check SAS tokens as documented.
 */
class SasStandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RG = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/ArunMonocle";
    private static final String SB_NAMESPACE_RULE = RG
            + "/providers/Microsoft.ServiceBus/namespaces/sdk-namespace-6914/authorizationRules/sdk-AuthRules-1788";
    private static final String SB_QUEUE_RULE = RG + "/providers/Microsoft.ServiceBus/namespaces/sdk-namespace-7982"
            + "/queues/sdk-Queues-2317/authorizationRules/sdk-AuthRules-5800";
    private static final String SB_TOPIC_RULE = RG + "/providers/Microsoft.ServiceBus/namespaces/sdk-Namespace8408"
            + "/topics/sdk-Topics2075/authorizationRules/sdk-Authrules5067";
    private static final String SB_SEND_ONLY_RULE = RG + "/providers/Microsoft.ServiceBus/namespaces/sdk-namespace-7982"
            + "/queues/sdk-Queues-2317/authorizationRules/send-only";
    private static final String EH_NAMESPACE_RULE = RG
            + "/providers/Microsoft.EventHub/namespaces/sdk-Namespace-2702/authorizationRules/sdk-Authrules-1746";
    private static final String EH_HUB_RULE = RG + "/providers/Microsoft.EventHub/namespaces/sdk-namespace-960"
            + "/eventhubs/sdk-EventHub-532/authorizationRules/sdk-Authrules-2513";
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.serviceBus.createRule(SB_NAMESPACE_RULE);
        sandbox.serviceBus.createRule(SB_QUEUE_RULE);
        sandbox.serviceBus.createRule(SB_TOPIC_RULE);
        sandbox.serviceBus.createRule(SB_SEND_ONLY_RULE, Set.of("Send"));
        sandbox.eventHubs.createRule(EH_NAMESPACE_RULE);
        sandbox.eventHubs.createRule(EH_HUB_RULE);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("Service Bus Namespaces_ListKeys answers like SBNameSpaceAuthorizationRuleListKey.json")
    void serviceBusNamespaceListKeys() throws Exception {
        JsonNode body = armPost(SB_NAMESPACE_RULE + "/listKeys?api-version=2021-11-01", "");

        assertConforms("servicebus/SBNameSpaceAuthorizationRuleListKey.json", body);
        assertThat(body.path("keyName").asText()).isEqualTo("sdk-AuthRules-1788");
        assertThat(body.path("primaryConnectionString").asText()).doesNotContain("EntityPath");
    }

    @Test
    @DisplayName("Service Bus Queues_RegenerateKeys takes the example's body and answers like SBQueueAuthorizationRuleRegenerateKey.json")
    void serviceBusQueueRegenerateKeys() throws Exception {
        JsonNode example = example("servicebus/SBQueueAuthorizationRuleRegenerateKey.json");
        String before = sandbox.arm.keysOf(SB_QUEUE_RULE).get("PrimaryKey").fingerprint();

        JsonNode body = armPost(SB_QUEUE_RULE + "/regenerateKeys?api-version=2021-11-01",
                example.path("parameters").path("parameters").toString());

        assertThat(JsonShape.differences(example.path("responses").path("200").path("body"), body)).isEmpty();
        assertThat(sandbox.arm.keysOf(SB_QUEUE_RULE).get("PrimaryKey").fingerprint()).isNotEqualTo(before);
        assertThat(body.path("primaryConnectionString").asText()).endsWith(";EntityPath=sdk-Queues-2317");
    }

    @Test
    @DisplayName("Service Bus Topics_RegenerateKeys answers like SBTopicAuthorizationRuleRegenerateKey.json")
    void serviceBusTopicRegenerateKeys() throws Exception {
        JsonNode example = example("servicebus/SBTopicAuthorizationRuleRegenerateKey.json");

        JsonNode body = armPost(SB_TOPIC_RULE + "/regenerateKeys?api-version=2021-11-01",
                example.path("parameters").path("parameters").toString());

        assertThat(JsonShape.differences(example.path("responses").path("200").path("body"), body)).isEmpty();
    }

    @Test
    @DisplayName("Event Hubs Namespaces_ListKeys and EventHubs_ListKeys answer like their examples")
    void eventHubsListKeys() throws Exception {
        assertConforms("eventhubs/EHNameSpaceAuthorizationRuleListKey.json",
                armPost(EH_NAMESPACE_RULE + "/listKeys?api-version=2024-01-01", ""));
        assertConforms("eventhubs/EHEventHubAuthorizationRuleListKey.json",
                armPost(EH_HUB_RULE + "/ListKeys?api-version=2024-01-01", ""));
    }

    @Test
    @DisplayName("Event Hubs EventHubs_RegenerateKeys answers like EHEventHubAuthorizationRuleRegenerateKey.json")
    void eventHubsRegenerateKeys() throws Exception {
        JsonNode example = example("eventhubs/EHEventHubAuthorizationRuleRegenerateKey.json");

        JsonNode body = armPost(EH_HUB_RULE + "/regenerateKeys?api-version=2024-01-01",
                example.path("parameters").path("parameters").toString());

        assertThat(JsonShape.differences(example.path("responses").path("200").path("body"), body)).isEmpty();
    }

    @Test
    @DisplayName("regenerateKeys refuses a keyType other than PrimaryKey or SecondaryKey")
    void regenerateUnknownKey() throws Exception {
        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + SB_QUEUE_RULE
                + "/regenerateKeys?api-version=2021-11-01", "{\"keyType\":\"TertiaryKey\"}", "Bearer "
                + SandboxCredential.TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("the data plane accepts a SAS token made with a current key, for the entity and below the namespace")
    void dataPlaneAcceptsCurrentKeys() throws Exception {
        String queue = sandbox.serviceBus.baseUrl() + "/sdk-namespace-7982/sdk-Queues-2317";
        String namespace = sandbox.eventHubs.baseUrl() + "/sdk-Namespace-2702";

        assertThat(get(queue + "?api-version=2021-05", token(queue, "sdk-AuthRules-5800", SB_QUEUE_RULE, "SecondaryKey",
                Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
        assertThat(get(namespace + "/$Resources/EventHubs?api-version=2014-01", token(namespace, "sdk-Authrules-1746",
                EH_NAMESPACE_RULE, "PrimaryKey", Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the data plane answers 401 to a key no longer current, an expired token and another resource's token")
    void dataPlaneRefuses() throws Exception {
        String queue = sandbox.serviceBus.baseUrl() + "/sdk-namespace-7982/sdk-Queues-2317";
        String stale = token(queue, "sdk-AuthRules-5800", SB_QUEUE_RULE, "PrimaryKey", Duration.ofMinutes(5));
        armPost(SB_QUEUE_RULE + "/regenerateKeys?api-version=2021-11-01", "{\"keyType\":\"PrimaryKey\"}");

        HttpResponse<String> staleKey = get(queue + "?api-version=2021-05", stale);
        HttpResponse<String> expired = get(queue + "?api-version=2021-05", token(queue, "sdk-AuthRules-5800",
                SB_QUEUE_RULE, "SecondaryKey", Duration.ofMinutes(-1)));
        HttpResponse<String> elsewhere = get(sandbox.serviceBus.baseUrl() + "/sdk-namespace-7982/other?api-version=2021-05",
                token(queue, "sdk-AuthRules-5800", SB_QUEUE_RULE, "SecondaryKey", Duration.ofMinutes(5)));

        assertThat(staleKey.statusCode()).isEqualTo(401);
        assertThat(staleKey.body()).startsWith("<Error><Code>401</Code><Detail>InvalidSignature");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("ExpiredToken");
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(elsewhere.body()).contains("InvalidAudience");
    }

    @Test
    @DisplayName("a valid token of a rule without Manage gets the 401 of a missing claim")
    void missingManageClaim() throws Exception {
        String queue = sandbox.serviceBus.baseUrl() + "/sdk-namespace-7982/sdk-Queues-2317";

        HttpResponse<String> response = get(queue + "?api-version=2021-05", token(queue, "send-only", SB_SEND_ONLY_RULE,
                "PrimaryKey", Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("'Manage' claim(s) are required");
    }

    private static String token(String resource, String rule, String ruleId, String keyName, Duration lifetime) {
        SecretValue key = SecretValue.of(sandbox.arm.keysOf(ruleId).get(keyName).value());
        return SharedAccessSignature.token(resource, rule, key, Instant.now().plus(lifetime)).reveal();
    }

    private static JsonNode example(String file) throws IOException {
        try (InputStream in = SasStandInContractTest.class.getResourceAsStream("/contracts/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static void assertConforms(String exampleFile, JsonNode actual) throws IOException {
        assertThat(JsonShape.differences(example(exampleFile).path("responses").path("200").path("body"), actual))
                .isEmpty();
    }

    private static JsonNode armPost(String path, String body) throws Exception {
        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + path, body,
                "Bearer " + SandboxCredential.TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return send("GET", url, null, authorization);
    }

    private static HttpResponse<String> send(String method, String url, String body, String authorization)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
