package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.testing.JsonShape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Redis stand-in answers ARM in the shapes of the official examples in {@code contracts/redis}, and its real
 * redis-server takes exactly the keys ARM says the cache has.
 */
class RedisStandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CACHE = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg1/providers/Microsoft.Cache/redis/cache1";
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        sandbox.redis().create(CACHE);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("listKeys answers like RedisCacheListKeys.json, and the server takes both keys")
    void listKeys() throws Exception {
        HttpResponse<String> response = post(CACHE + "/listKeys?api-version=2024-11-01", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example("RedisCacheListKeys.json").path("responses").path("200").path("body"), response.body());
        JsonNode keys = JSON.readTree(response.body());
        assertThat(sandbox.redis().serverAccepts(keys.path("primaryKey").asText())).isTrue();
        assertThat(sandbox.redis().serverAccepts(keys.path("secondaryKey").asText())).isTrue();
        assertThat(sandbox.redis().serverAccepts("not-a-key-of-any-cache")).isFalse();
    }

    @Test
    @DisplayName("regenerateKey takes the official request body, answers like RedisCacheRegenerateKey.json, and the"
            + " server drops the old key at once")
    void regenerateKey() throws Exception {
        JsonNode example = example("RedisCacheRegenerateKey.json");
        Map<String, KeyState> before = sandbox.arm.keysOf(CACHE);

        HttpResponse<String> response = post(CACHE + "/regenerateKey?api-version=2024-11-01",
                example.path("parameters").path("parameters").toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertConforms(example.path("responses").path("200").path("body"), response.body());
        JsonNode keys = JSON.readTree(response.body());
        String oldPrimary = before.get(RedisCaches.PRIMARY).value();
        assertThat(keys.path("primaryKey").asText()).isNotEqualTo(oldPrimary);
        assertThat(keys.path("secondaryKey").asText()).isEqualTo(before.get(RedisCaches.SECONDARY).value());
        assertThat(sandbox.redis().serverAccepts(oldPrimary)).isFalse();
        assertThat(sandbox.redis().accepts(CACHE, keys.path("primaryKey").asText())).isTrue();
        assertThat(sandbox.redis().accepts(CACHE, keys.path("secondaryKey").asText())).isTrue();
    }

    @Test
    @DisplayName("regenerateKey refuses a keyType that is neither Primary nor Secondary, changing nothing")
    void regenerateUnknownKey() throws Exception {
        Map<String, KeyState> before = sandbox.arm.keysOf(CACHE);

        HttpResponse<String> response = post(CACHE + "/regenerateKey?api-version=2024-11-01", "{\"keyType\":\"Tertiary\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(sandbox.arm.keysOf(CACHE)).isEqualTo(before);
    }

    static JsonNode example(String file) throws IOException {
        try (InputStream in = RedisStandInContractTest.class.getResourceAsStream("/contracts/redis/" + file)) {
            return JSON.readTree(in);
        }
    }

    private static void assertConforms(JsonNode example, String actualBody) throws IOException {
        assertThat(JsonShape.differences(example, JSON.readTree(actualBody))).isEmpty();
        assertThat(JSON.readTree(actualBody).properties()).hasSameSizeAs(example.properties());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SandboxCredential.TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
