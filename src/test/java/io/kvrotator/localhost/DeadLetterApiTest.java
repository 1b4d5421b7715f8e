package io.kvrotator.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxSeed.SeededSecret;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.Principals;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code POST /api/deadletters/replay} through the local host, as an operator would call it with curl. */
@SandboxTest
class DeadLetterApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-function-key-0123456789";
    private static final String VAULT = "kv-dev-rotator";
    private static final String REPLAY = "/api/deadletters/replay";
    private static final String OPERATOR = "KvRotator.Operator";

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private LocalFunctionsHost host;
    private BlobContainerClient deadLetters;
    private String blob;

    @BeforeEach
    void deadLetterANearExpiryEvent(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        SeededSecret payments = SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock).stream()
                .filter(secret -> secret.name().equals("PAYMENTS-STORAGE-KEY")).findFirst().orElseThrow();
        deadLetters = sandbox.deadLetterContainer();
        blob = "SECRET-NEAR-EXPIRY/2026/11/22/7/" + UUID.randomUUID() + ".json";
        deadLetters.getBlobClient(blob).upload(BinaryData.fromString(KeyVaultEvents.deadLettered(KeyVaultEvents
                .nearExpiry(VAULT, payments.name(), payments.version(), payments.expiresOn(), clock.instant()))));
        startHost(Map.of(Setting.PLATFORM_AUTHENTICATION.key(), "True"));
    }

    private void startHost(Map<String, String> extraSettings) throws IOException {
        if (host != null) {
            host.close();
        }
        Map<String, String> settings = new HashMap<>(sandbox.appSettings(VAULT));
        settings.putAll(extraSettings);
        sandbox.install(settings);
        host = new LocalFunctionsHost(HostedApp.current().functions(), KEY,
                () -> SandboxState.of(sandbox), 0);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    @DisplayName("without the function key: 401; a dry run lists the dead letter and changes nothing; the replay rotates and deletes it")
    void dryRunThenReplay() throws Exception {
        JsonNode before = state();

        HttpResponse<String> anonymous = post(REPLAY, null, Map.of());
        HttpResponse<String> dryRun = post(REPLAY + "?dryRun=true", KEY, Map.of());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode wouldReplay = JSON.readTree(dryRun.body());
        assertThat(wouldReplay.path("dryRun").asBoolean()).isTrue();
        assertThat(wouldReplay.path("wouldReplay").get(0).path("blob").asText()).isEqualTo(blob);
        assertThat(wouldReplay.path("wouldReplay").get(0).path("events").get(0).path("secret").asText())
                .isEqualTo("PAYMENTS-STORAGE-KEY");
        assertThat(state()).isEqualTo(before);
        assertThat(blobs()).containsExactly(blob);

        HttpResponse<String> replay = post(REPLAY, KEY, Map.of());

        assertThat(replay.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(replay.body());
        JsonNode replayed = summary.path("replayed").get(0);
        assertThat(replayed.path("blob").asText()).isEqualTo(blob);
        assertThat(replayed.path("deadLetterReason").asText()).startsWith("MaxDeliveryAttemptsExceeded");
        assertThat(replayed.path("events").get(0).path("outcome").asText()).isEqualTo("rotated");
        assertThat(summary.path("left")).isEmpty();
        assertThat(summary.path("skipped").asInt()).isZero();
        assertThat(summary.path("remaining").asInt()).isZero();
        assertThat(versions()).hasSize(2);
        assertThat(blobs()).isEmpty();

        JsonNode again = JSON.readTree(post(REPLAY, KEY, Map.of()).body());

        assertThat(again.path("replayed")).isEmpty();
        assertThat(versions()).hasSize(2);
    }

    @Test
    @DisplayName("with an app role required, a caller without it is refused (403) and the dead letter stays; an operator replays it")
    void roleRequired() throws Exception {
        startHost(Map.of(Setting.PLATFORM_AUTHENTICATION.key(), "True", Setting.REQUIRED_CALLER_ROLE.key(), OPERATOR));

        HttpResponse<String> reader = post(REPLAY, KEY,
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("alice@contoso.com", List.of("Reader"))));

        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.body()).contains("does not have the app role " + OPERATOR);
        assertThat(blobs()).containsExactly(blob);

        HttpResponse<String> operator = post(REPLAY, KEY,
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("alice@contoso.com", List.of(OPERATOR))));

        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(blobs()).isEmpty();
    }

    @Test
    @DisplayName("without its own storage account (AzureWebJobsStorage) the replay answers 503 naming the setting, and changes nothing")
    void noHostStorage() throws Exception {
        startHost(Map.of(Setting.HOST_STORAGE.key(), ""));
        JsonNode before = state();

        HttpResponse<String> response = post(REPLAY, KEY, Map.of());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains(Setting.HOST_STORAGE_ACCOUNT.key());
        assertThat(state()).isEqualTo(before);
        assertThat(blobs()).containsExactly(blob);
    }

    private HttpResponse<String> post(String path, String key, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("x-functions-key", key);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state() throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(host.stateUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode versions() throws IOException, InterruptedException {
        return state().path("vaults").path(VAULT).path("secrets").path("PAYMENTS-STORAGE-KEY").path("versions");
    }

    private List<String> blobs() {
        return deadLetters.listBlobs().stream().map(BlobItem::getName).toList();
    }
}
