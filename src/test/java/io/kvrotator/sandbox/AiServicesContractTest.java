package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.testing.JsonShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Azure AI services and Azure AI Search stand-ins answer in the shapes of the official REST examples copied
 * into {@code src/test/resources/contracts/cognitiveservices} and {@code .../search} (sources in their READMEs):
 * the ARM key APIs the resource-manager SDKs call, and the data-plane calls that verify a key.
 */
class AiServicesContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/myResourceGroup/providers/Microsoft.CognitiveServices/accounts/myaccount";
    private static final String SERVICE = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg1/providers/Microsoft.Search/searchServices/mysearchservice";
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.cognitive.createAccount(ACCOUNT);
        sandbox.search.createService(SERVICE);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("Cognitive Services listKeys answers like ListKeys.json")
    void cognitiveListKeys() throws Exception {
        JsonNode example = example("cognitiveservices/ListKeys.json");

        HttpResponse<String> response = arm(ACCOUNT + "/listKeys?api-version="
                + example.path("parameters").path("api-version").asText(), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        assertThat(JSON.readTree(response.body()).path("key1").asText())
                .isEqualTo(sandbox.cognitive.keys(ACCOUNT).get("Key1").value());
    }

    @Test
    @DisplayName("Cognitive Services regenerateKey takes RegenerateKey.json's body, answers like it, and changes only that key")
    void cognitiveRegenerateKey() throws Exception {
        JsonNode example = example("cognitiveservices/RegenerateKey.json");
        Map<String, String> before = fingerprints(sandbox.cognitive.keys(ACCOUNT));

        HttpResponse<String> response = arm(ACCOUNT + "/regenerateKey?api-version="
                + example.path("parameters").path("api-version").asText(),
                example.path("parameters").path("parameters").toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        Map<String, String> after = fingerprints(sandbox.cognitive.keys(ACCOUNT));
        assertThat(after.get("Key2")).as("Key2, the key the example names").isNotEqualTo(before.get("Key2"));
        assertThat(after.get("Key1")).isEqualTo(before.get("Key1"));
        assertThat(JSON.readTree(response.body()).path("key2").asText())
                .isEqualTo(sandbox.cognitive.keys(ACCOUNT).get("Key2").value());
        assertThat(arm(ACCOUNT + "/regenerateKey?api-version=2024-10-01", "{\"keyName\":\"Key3\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("Azure OpenAI Models - List answers like get_models.json for a current key, and 401 for any other")
    void cognitiveModelsList() throws Exception {
        JsonNode example = example("cognitiveservices/get_models.json");
        String url = sandbox.cognitive.verifyUrlTemplate().replace("{account}", "myaccount");
        assertThat(url).endsWith("/openai/models?api-version=" + example.path("parameters").path("api-version").asText());
        String key1 = sandbox.cognitive.keys(ACCOUNT).get("Key1").value();
        String key2 = sandbox.cognitive.keys(ACCOUNT).get("Key2").value();

        HttpResponse<String> response = get(url, Map.of("api-key", key1));

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        assertThat(get(url, Map.of("Ocp-Apim-Subscription-Key", key2)).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get(url, Map.of("api-key", "Zm9yZ2VkLWtleQ=="));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("401");
        assertThat(get(url, Map.of()).statusCode()).isEqualTo(401);
        assertThat(get(url.replace("myaccount", "otheraccount"), Map.of("api-key", key1)).statusCode())
                .as("a key of another account").isEqualTo(401);
    }

    @Test
    @DisplayName("Search listAdminKeys answers like SearchGetAdminKeys.json")
    void searchListAdminKeys() throws Exception {
        JsonNode example = example("search/SearchGetAdminKeys.json");

        HttpResponse<String> response = arm(SERVICE + "/listAdminKeys?api-version="
                + example.path("parameters").path("api-version").asText(), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        assertThat(JSON.readTree(response.body()).path("secondaryKey").asText())
                .isEqualTo(sandbox.search.adminKeys(SERVICE).get("secondary").value());
    }

    @Test
    @DisplayName("Search regenerateAdminKey/{keyKind} answers like SearchRegenerateAdminKey.json and changes only that key")
    void searchRegenerateAdminKey() throws Exception {
        JsonNode example = example("search/SearchRegenerateAdminKey.json");
        String keyKind = example.path("parameters").path("keyKind").asText();
        Map<String, String> before = fingerprints(sandbox.search.adminKeys(SERVICE));

        HttpResponse<String> response = arm(SERVICE + "/regenerateAdminKey/" + keyKind + "?api-version="
                + example.path("parameters").path("api-version").asText(), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        Map<String, String> after = fingerprints(sandbox.search.adminKeys(SERVICE));
        assertThat(after.get("primary")).isNotEqualTo(before.get("primary"));
        assertThat(after.get("secondary")).isEqualTo(before.get("secondary"));
        assertThat(arm(SERVICE + "/regenerateAdminKey/tertiary?api-version=2025-05-01", "").statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("Search Get Service Statistics answers like the official example for an admin key, and 403 for any other")
    void searchServiceStatistics() throws Exception {
        JsonNode example = example("search/SearchServiceGetServiceStatistics.json");
        String url = sandbox.search.endpointTemplate().replace("{service}", "mysearchservice")
                + "/servicestats?api-version=" + example.path("parameters").path("api-version").asText();
        String secondary = sandbox.search.adminKeys(SERVICE).get("secondary").value();

        HttpResponse<String> response = get(url, Map.of("api-key", secondary));

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        assertThat(get(url, Map.of("api-key", "Zm9yZ2VkLWtleQ==")).statusCode()).isEqualTo(403);
        assertThat(get(url, Map.of()).statusCode()).isEqualTo(403);
        assertThat(get(url.replace("2024-07-01", "1999-01-01"), Map.of("api-key", secondary)).statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("the ARM stand-in refuses the key APIs without the managed identity's token")
    void armNeedsAToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + SERVICE
                + "/listAdminKeys?api-version=2025-05-01")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static Map<String, String> fingerprints(Map<String, ArmStandIn.KeyState> keys) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        keys.forEach((name, key) -> fingerprints.put(name, key.fingerprint()));
        return fingerprints;
    }

    private static JsonNode example(String file) {
        try (InputStream in = AiServicesContractTest.class.getResourceAsStream("/contracts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing contract " + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertConforms(JsonNode example, String actualBody) throws IOException {
        assertThat(JsonShape.differences(example, JSON.readTree(actualBody))).isEmpty();
    }

    private static HttpResponse<String> arm(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SandboxCredential.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
