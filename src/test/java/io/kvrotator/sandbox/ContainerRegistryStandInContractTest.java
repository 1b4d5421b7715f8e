package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.testing.JsonShape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Container Registry stand-ins answer in the shapes of the official REST examples in
 * {@code src/test/resources/contracts/containerregistry}, and the data plane follows basic authentication.
 */
class ContainerRegistryStandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "?api-version=2025-11-01";
    private static final String REGISTRY = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry";
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.containerRegistry.createRegistry(REGISTRY);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("ARM listCredentials answers like RegistryListCredentials.json")
    void listCredentials() throws Exception {
        HttpResponse<String> response = post(REGISTRY + "/listCredentials" + API, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("RegistryListCredentials.json").path("responses").path("200").path("body"),
                response.body());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("username").asText()).isEqualTo("myRegistry");
        assertThat(body.path("passwords").findValuesAsText("name")).containsExactly("password", "password2");
    }

    @Test
    @DisplayName("ARM regenerateCredential takes the official request body, answers like RegistryRegenerateCredential.json")
    void regenerateCredential() throws Exception {
        JsonNode example = example("RegistryRegenerateCredential.json");
        String before = sandbox.containerRegistry.passwords(REGISTRY).get("password").fingerprint();
        String password2 = sandbox.containerRegistry.passwords(REGISTRY).get("password2").fingerprint();

        HttpResponse<String> response = post(REGISTRY + "/regenerateCredential" + API,
                example.path("parameters").path("regenerateCredentialParameters").toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        assertThat(sandbox.containerRegistry.passwords(REGISTRY).get("password").fingerprint()).isNotEqualTo(before);
        assertThat(sandbox.containerRegistry.passwords(REGISTRY).get("password2").fingerprint()).isEqualTo(password2);
        assertThat(post(REGISTRY + "/regenerateCredential" + API, "{\"name\":\"password3\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("ARM GET of the registry answers like RegistryGet.json, with adminUserEnabled as the registry has it")
    void getRegistry() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + REGISTRY + API))
                .header("Authorization", "Bearer " + SandboxCredential.TOKEN).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("RegistryGet.json").path("responses").path("200").path("body"), response.body());
        JsonNode properties = JSON.readTree(response.body()).path("properties");
        assertThat(properties.path("adminUserEnabled").asBoolean()).isTrue();
        assertThat(properties.path("loginServer").asText()).isEqualTo("myregistry.azurecr.io");
    }

    @Test
    @DisplayName("GET /v2/ answers 200 to the admin user's current password, 401 with an AcrErrors body otherwise")
    void dockerV2Check() throws Exception {
        String second = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-other/providers/"
                + "Microsoft.ContainerRegistry/registries/OtherRegistry";
        String password = sandbox.containerRegistry.createRegistry(second);
        String url = sandbox.containerRegistry.loginServerTemplate().replace("{registry}", "otherregistry") + "/v2/";

        assertThat(v2(url, "OtherRegistry", password).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = v2(url, "OtherRegistry", password + "x");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer realm=");
        JsonNode error = JSON.readTree(refused.body()).path("errors").get(0);
        assertThat(error.path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(error.has("message")).isTrue();
        assertThat(error.has("detail")).isTrue();
        assertThat(v2(url, "myRegistry", password).statusCode()).as("another user name").isEqualTo(401);

        sandbox.containerRegistry.disableAdminUser(second);
        assertThat(v2(url, "OtherRegistry", password).statusCode()).as("admin user disabled").isEqualTo(401);
    }

    private static HttpResponse<String> v2(String url, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic).GET().build());
    }

    private static JsonNode example(String file) throws IOException {
        try (InputStream in = ContainerRegistryStandInContractTest.class
                .getResourceAsStream("/contracts/containerregistry/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static void assertConforms(JsonNode example, String actualBody) throws IOException {
        assertThat(JsonShape.differences(example, JSON.readTree(actualBody))).isEmpty();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SandboxCredential.TOKEN).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
