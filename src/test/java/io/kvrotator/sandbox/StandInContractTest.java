package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.testing.JsonShape;
import io.kvrotator.testing.SharedContracts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stand-ins answer in the shapes of the official REST examples in {@code ../shared/contracts}. */
class StandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "res4167/providers/Microsoft.Storage/storageAccounts/sto3539";
    private static Sandbox sandbox;
    private static HttpClient http;
    private static String version;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.keyVault.createVault("myvault");
        version = sandbox.keyVault.seedSecret("myvault", "mysecretname", "contract-test-value-0001", Map.of(),
                null, Instant.now().plusSeconds(86400));
        sandbox.arm.createAccount(ACCOUNT);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("Key Vault setSecret answers like SetSecret-example.json")
    void setSecret() throws Exception {
        JsonNode example = example("keyvault-setSecret-example.json");
        HttpResponse<String> response = send("PUT", sandbox.keyVault.baseUrl() + "/myvault/secrets/crpsecret?api-version=7.5",
                example.path("parameters").path("parameters").toString(), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
    }

    @Test
    @DisplayName("Key Vault getSecret answers like GetSecret-example.json")
    void getSecret() throws Exception {
        HttpResponse<String> response = send("GET", sandbox.keyVault.baseUrl() + "/myvault/secrets/mysecretname/"
                + version + "?api-version=7.5", null, true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("keyvault-getSecret-example.json").path("responses").path("200").path("body"),
                response.body());
    }

    @Test
    @DisplayName("Key Vault getSecretVersions pages like GetSecretVersions-example.json, with an absolute nextLink")
    void getSecretVersions() throws Exception {
        sandbox.keyVault.seedSecret("myvault", "mysecretname", "contract-test-value-0002", Map.of(), null, null);
        HttpResponse<String> response = send("GET", sandbox.keyVault.baseUrl()
                + "/myvault/secrets/mysecretname/versions?api-version=7.5&maxresults=1", null, true);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertConforms(example("keyvault-getSecretVersions-example.json").path("responses").path("200").path("body"),
                response.body());
        assertThat(body.path("value").get(0).has("value")).as("a list never carries values").isFalse();
        assertThat(body.path("nextLink").asText()).startsWith(sandbox.keyVault.baseUrl() + "/myvault/secrets/")
                .contains("$skiptoken=");
        HttpResponse<String> next = send("GET", body.path("nextLink").asText(), null, true);
        assertThat(JSON.readTree(next.body()).path("value")).hasSize(1);
        assertThat(JSON.readTree(next.body()).path("nextLink").isNull()).isTrue();
    }

    @Test
    @DisplayName("Key Vault's 404 has the SecretNotFound error body")
    void secretNotFound() throws Exception {
        HttpResponse<String> response = send("GET", sandbox.keyVault.baseUrl()
                + "/myvault/secrets/some-secret?api-version=7.5", null, true);

        assertThat(response.statusCode()).isEqualTo(404);
        assertConforms(JSON.readTree(SharedContracts.read("keyvault-error-SecretNotFound.json")), response.body());
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("SecretNotFound");
    }

    @Test
    @DisplayName("Key Vault challenges a request without a token the way the SDK expects")
    void bearerChallenge() throws Exception {
        HttpResponse<String> response = send("GET", sandbox.keyVault.baseUrl()
                + "/myvault/secrets/mysecretname?api-version=7.5", null, false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer authorization=\"https://login.microsoftonline.com/")
                .contains("resource=\"https://vault.azure.net\"");
    }

    @Test
    @DisplayName("ARM regenerateKey takes the official request body and answers like StorageAccountRegenerateKey.json")
    void regenerateKey() throws Exception {
        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + ACCOUNT
                + "/regenerateKey?api-version=2023-05-01", SharedContracts.read("arm-storage-regenerateKey-request.json"), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("arm-storage-regenerateKey-example.json").path("responses").path("200").path("body"),
                response.body());
    }

    @Test
    @DisplayName("ARM listKeys answers like StorageAccountListKeys.json")
    void listKeys() throws Exception {
        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + ACCOUNT
                + "/listKeys?api-version=2023-05-01", "", true);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode example = example("arm-storage-listKeys-example.json").path("responses").path("200").path("body");
        assertConforms(example, response.body());
        assertThat(JSON.readTree(response.body()).path("keys").get(1).path("permissions").asText())
                .isEqualTo(example.path("keys").get(1).path("permissions").asText());
    }

    @Test
    @DisplayName("ARM answers an unknown account with ResourceNotFound")
    void unknownAccount() throws Exception {
        HttpResponse<String> response = send("POST", sandbox.arm.baseUrl() + ACCOUNT.replace("sto3539", "nosuch")
                + "/listKeys?api-version=2023-05-01", "", true);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    @DisplayName("Graph addPassword takes the official request body and answers like the addPassword example")
    void addPassword() throws Exception {
        String objectId = sandbox.graph.createApplication("contract-app", UUID.randomUUID().toString());

        HttpResponse<String> response = send("POST", sandbox.graph.graphBaseUrl() + "/applications/" + objectId
                + "/addPassword", SharedContracts.read("graph-addPassword-request.json"), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("graph-addPassword-response.json"), response.body());
        JsonNode password = JSON.readTree(response.body());
        assertThat(password.path("displayName").asText()).isEqualTo("Password friendly name");
        assertThat(Instant.parse(password.path("endDateTime").asText()))
                .as("Graph's default lifetime is two years").isAfter(Instant.parse(password.path("startDateTime")
                        .asText()).plus(Duration.ofDays(729)));
        assertThat(sandbox.graph.passwords(objectId)).singleElement()
                .satisfies(p -> assertThat(p.keyId()).isEqualTo(password.path("keyId").asText()));
    }

    @Test
    @DisplayName("Graph GET application answers like the application-get example, by object ID and by appId")
    void getApplication() throws Exception {
        String appId = UUID.randomUUID().toString();
        String objectId = sandbox.graph.createApplication("contract-app", appId);
        JsonNode example = example("graph-application-get-response.json");

        for (String path : List.of("/applications/" + objectId, "/applications(appId='" + appId + "')")) {
            HttpResponse<String> response = send("GET", sandbox.graph.graphBaseUrl() + path, null, true);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JsonShape.differencesAllowingNulls(example, JSON.readTree(response.body()))).isEmpty();
            assertThat(JSON.readTree(response.body()).path("@odata.context").asText())
                    .isEqualTo(example.path("@odata.context").asText());
        }
    }

    @Test
    @DisplayName("Graph answers only the properties named in $select")
    void selectProperties() throws Exception {
        String objectId = sandbox.graph.createApplication("contract-app", UUID.randomUUID().toString());

        HttpResponse<String> response = send("GET", sandbox.graph.graphBaseUrl() + "/applications/" + objectId
                + "?%24select=id,appId,passwordCredentials", null, true);

        assertThat(JSON.readTree(response.body()).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("@odata.context", "id", "appId", "passwordCredentials");
    }

    @Test
    @DisplayName("Graph lists a password with exactly the passwordCredential resource's properties, and never its secretText")
    void passwordCredentialRepresentation() throws Exception {
        String objectId = sandbox.graph.createApplication("contract-app", UUID.randomUUID().toString());
        sandbox.graph.addPassword(objectId, "made in the portal", Instant.now(), Instant.now().plus(Duration.ofDays(90)));
        JsonNode representation = example("graph-passwordCredential-resource-representation.json");

        HttpResponse<String> response = send("GET", sandbox.graph.graphBaseUrl() + "/applications/" + objectId, null,
                true);

        JsonNode password = JSON.readTree(response.body()).path("passwordCredentials").get(0);
        assertThat(password.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(representation.properties().stream().map(Map.Entry::getKey).toList());
        assertThat(password.path("secretText").isNull()).isTrue();
        assertThat(UUID.fromString(password.path("keyId").asText())).isNotNull();
        assertThat(Instant.parse(password.path("startDateTime").asText()))
                .isBefore(Instant.parse(password.path("endDateTime").asText()));
        assertThat(password.path("hint").isTextual()).isTrue();
    }

    @Test
    @DisplayName("Graph removePassword takes the official request body and answers 204 with no body")
    void removePassword() throws Exception {
        String objectId = sandbox.graph.createApplication("contract-app", UUID.randomUUID().toString());
        String keyId = sandbox.graph.addPassword(objectId, "to remove", Instant.now(),
                Instant.now().plus(Duration.ofDays(90))).keyId();
        ObjectNode request = (ObjectNode) example("graph-removePassword-request.json");
        request.put("keyId", keyId);

        HttpResponse<String> response = send("POST", sandbox.graph.graphBaseUrl() + "/applications/" + objectId
                + "/removePassword", request.toString(), true);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(sandbox.graph.passwords(objectId)).isEmpty();
    }

    private static JsonNode example(String file) throws IOException {
        return JSON.readTree(SharedContracts.read(file));
    }

    private static void assertConforms(JsonNode example, String actualBody) throws IOException {
        assertThat(JsonShape.differences(example, JSON.readTree(actualBody))).isEmpty();
    }

    private static HttpResponse<String> send(String method, String url, String body, boolean withToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (withToken) {
            request.header("Authorization", "Bearer " + SandboxCredential.TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
