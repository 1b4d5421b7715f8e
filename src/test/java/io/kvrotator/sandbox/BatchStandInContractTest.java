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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Batch stand-ins answer in the shapes of the official REST examples in {@code src/test/resources/contracts/batch},
 * and the Batch endpoint accepts exactly the documented Shared Key signature.
 */
class BatchStandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "?api-version=2022-01-01";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "default-azurebatch-japaneast/providers/Microsoft.Batch/batchAccounts/sampleacct";
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.batch.createAccount(ACCOUNT, "japaneast");
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("ARM listKeys answers like BatchAccountGetKeys.json")
    void listKeys() throws Exception {
        HttpResponse<String> response = post(ACCOUNT + "/listKeys" + API, "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("BatchAccountGetKeys.json").path("responses").path("200").path("body"), response.body());
        assertThat(JSON.readTree(response.body()).path("accountName").asText()).isEqualTo("sampleacct");
    }

    @Test
    @DisplayName("ARM regenerateKeys takes the official request body and answers like BatchAccountRegenerateKey.json")
    void regenerateKeys() throws Exception {
        JsonNode example = example("BatchAccountRegenerateKey.json");
        String primary = sandbox.batch.keys(ACCOUNT).get("Primary").fingerprint();
        String secondary = sandbox.batch.keys(ACCOUNT).get("Secondary").fingerprint();

        HttpResponse<String> response = post(ACCOUNT + "/regenerateKeys" + API,
                example.path("parameters").path("parameters").toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        assertThat(sandbox.batch.keys(ACCOUNT).get("Primary").fingerprint()).isNotEqualTo(primary);
        assertThat(sandbox.batch.keys(ACCOUNT).get("Secondary").fingerprint()).isEqualTo(secondary);
        assertThat(post(ACCOUNT + "/regenerateKeys" + API, "{\"keyName\":\"Tertiary\"}").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("ARM GET of the account answers like BatchAccountGet.json, with its location and endpoint")
    void getAccount() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + ACCOUNT
                        + API)).header("Authorization", "Bearer " + SandboxCredential.TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("BatchAccountGet.json").path("responses").path("200").path("body"), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("location").asText()).isEqualTo("japaneast");
        assertThat(body.path("properties").path("accountEndpoint").asText())
                .isEqualTo("sampleacct.japaneast.batch.azure.com");
    }

    @Test
    @DisplayName("List Applications answers like ApplicationList.json to the documented Shared Key signature only")
    void listApplications() throws Exception {
        String key = sandbox.batch.keys(ACCOUNT).get("Secondary").value();
        String path = "/japaneast/sampleacct/applications";
        String query = "api-version=2024-07-01.20.0&maxresults=1";
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Clock.systemUTC().instant().atOffset(ZoneOffset.UTC));
        // Written out by hand from the documentation, independently of the stand-in and of the provider.
        String stringToSign = "GET\n\n\n\n\n\n\n\n\n\n\n\nocp-date:" + date + "\n/sampleacct" + path
                + "\napi-version:2024-07-01.20.0\nmaxresults:1";

        HttpResponse<String> accepted = listApplications(path, query, date, "SharedKey sampleacct:" + hmac(key,
                stringToSign));
        HttpResponse<String> wrongKey = listApplications(path, query, date, "SharedKey sampleacct:" + hmac(
                Base64.getEncoder().encodeToString(new byte[64]), stringToSign));
        HttpResponse<String> unsignedQuery = listApplications(path, query, date, "SharedKey sampleacct:" + hmac(key,
                stringToSign.substring(0, stringToSign.indexOf("\napi-version"))));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertConforms(example("ApplicationList.json").path("responses").path("200").path("body"), accepted.body());
        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(wrongKey.body()).path("code").asText()).isEqualTo("AuthenticationFailed");
        assertThat(unsignedQuery.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> listApplications(String path, String query, String date, String authorization)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.batch.baseUrl() + path + "?" + query))
                .header("ocp-date", date).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String base64Key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode example(String file) throws IOException {
        try (InputStream in = BatchStandInContractTest.class.getResourceAsStream("/contracts/batch/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static void assertConforms(JsonNode example, String actualBody) throws IOException {
        assertThat(JsonShape.differences(example, JSON.readTree(actualBody))).isEmpty();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SandboxCredential.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
