package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.management.polling.PollResult;
import com.azure.resourcemanager.cosmos.CosmosManager;
import com.azure.resourcemanager.cosmos.models.DatabaseAccountRegenerateKeyParameters;
import com.azure.resourcemanager.cosmos.models.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.testing.JsonShape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Cosmos DB stand-in answers ARM in the shapes of the official examples in {@code contracts/cosmosdb} (the key
 * regeneration as a long-running operation the SDK's own poller follows), and its data plane answers List
 * Databases like the documented example, for a master-key signature with a current key only.
 */
class CosmosStandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg1/providers/Microsoft.DocumentDB/databaseAccounts/ddb1";
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.cosmos.create(ACCOUNT);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("listKeys answers like CosmosDBDatabaseAccountListKeys.json")
    void listKeys() throws Exception {
        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + ACCOUNT + "/listKeys?api-version=2025-10-15",
                "", Map.of("Authorization", "Bearer " + SandboxCredential.TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode example = example("CosmosDBDatabaseAccountListKeys.json").path("responses").path("200").path("body");
        assertThat(JsonShape.differences(example, JSON.readTree(response.body()))).isEmpty();
        assertThat(JSON.readTree(response.body()).properties()).hasSameSizeAs(example.properties());
    }

    @Test
    @DisplayName("regenerateKey takes the official body and answers 202 with Location and Azure-AsyncOperation, whose"
            + " status says Succeeded; only that key changed")
    void regenerateKey() throws Exception {
        JsonNode example = example("CosmosDBDatabaseAccountRegenerateKey.json");
        Map<String, KeyState> before = sandbox.arm.keysOf(ACCOUNT);

        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + ACCOUNT
                + "/regenerateKey?api-version=2025-10-15", example.path("parameters").path("keyToRegenerate").toString(),
                Map.of("Authorization", "Bearer " + SandboxCredential.TOKEN));

        assertThat(response.statusCode()).isEqualTo(202);
        example.path("responses").path("202").path("headers").fieldNames().forEachRemaining(header ->
                assertThat(response.headers().firstValue(header)).as(header).get().asString()
                        .startsWith(sandbox.arm.baseUrl() + "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
                                + "/providers/Microsoft.DocumentDB/locations/").contains("/operationsStatus/")
                        .endsWith("?api-version=2025-10-15"));
        HttpResponse<String> status = send("GET", response.headers().firstValue("Azure-AsyncOperation").orElseThrow(),
                null, Map.of("Authorization", "Bearer " + SandboxCredential.TOKEN));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).path("status").asText()).isEqualTo("Succeeded");
        Map<String, KeyState> after = sandbox.arm.keysOf(ACCOUNT);
        assertThat(after.get(CosmosStandIn.PRIMARY)).isNotEqualTo(before.get(CosmosStandIn.PRIMARY));
        for (String unchanged : List.of(CosmosStandIn.SECONDARY, CosmosStandIn.PRIMARY_READONLY,
                CosmosStandIn.SECONDARY_READONLY)) {
            assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
        }
    }

    @Test
    @DisplayName("the SDK's own poller follows the regeneration to Succeeded through the operation's status")
    void sdkPollerCompletes() {
        Map<String, KeyState> before = sandbox.arm.keysOf(ACCOUNT);
        sandbox.arm.clearCalls();
        ArmAccess arm = ArmAccess.of(sandbox.arm.baseUrl() + "/", sandbox.credential,
                com.azure.core.http.HttpClient.createDefault());
        CosmosManager manager = CosmosManager.configure().withHttpClient(arm.httpClient())
                .authenticate(arm.credential(), arm.profile(Sandbox.SUBSCRIPTION_ID));

        SyncPoller<PollResult<Void>, Void> poller = manager.serviceClient().getDatabaseAccounts().beginRegenerateKey(
                "rg1", "ddb1", new DatabaseAccountRegenerateKeyParameters().withKeyKind(KeyKind.SECONDARY_READONLY))
                .setPollInterval(Duration.ofMillis(20));
        LongRunningOperationStatus status = poller.waitForCompletion(Duration.ofSeconds(30)).getStatus();
        poller.getFinalResult();

        assertThat(status).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(sandbox.arm.calls()).anySatisfy(call -> {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).endsWith("/regenerateKey");
            assertThat(call.status()).isEqualTo(202);
        }).anySatisfy(call -> {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(call.path()).contains("/operationsStatus/");
            assertThat(call.status()).isEqualTo(200);
        });
        assertThat(sandbox.arm.keysOf(ACCOUNT).get(CosmosStandIn.SECONDARY_READONLY))
                .isNotEqualTo(before.get(CosmosStandIn.SECONDARY_READONLY));
    }

    @Test
    @DisplayName("List Databases answers like the documented example for a signature with any of the four keys")
    void listDatabases() throws Exception {
        JsonNode example = example("list-databases-response.json");
        for (KeyState key : sandbox.arm.keysOf(ACCOUNT).values()) {
            HttpResponse<String> response = listDatabases(key.value(), Instant.now());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JsonShape.differences(example, JSON.readTree(response.body()))).isEmpty();
        }
    }

    @Test
    @DisplayName("List Databases refuses, with 401, a key that is not the account's and a date 20 minutes off")
    void listDatabasesRefuses() throws Exception {
        String key = sandbox.arm.keysOf(ACCOUNT).get(CosmosStandIn.PRIMARY).value();
        String otherKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);

        HttpResponse<String> wrongKey = listDatabases(otherKey, Instant.now());
        HttpResponse<String> stale = listDatabases(key, Instant.now().minus(Duration.ofMinutes(20)));

        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).path("code").asText()).isEqualTo("Unauthorized");
        assertThat(stale.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> listDatabases(String key, Instant at) throws Exception {
        String date = HTTP_DATE.format(at);
        String authorization = URLEncoder.encode(CosmosStandIn.masterToken("GET", "dbs", "", date, key).orElseThrow(),
                StandardCharsets.UTF_8);
        return send("GET", sandbox.cosmos.endpointTemplate().replace("{account}", "ddb1") + "dbs", null,
                Map.of("x-ms-date", date, "x-ms-version", "2018-12-31", "Authorization", authorization));
    }

    static JsonNode example(String file) throws IOException {
        try (InputStream in = CosmosStandInContractTest.class.getResourceAsStream("/contracts/cosmosdb/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static HttpResponse<String> send(String method, String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
