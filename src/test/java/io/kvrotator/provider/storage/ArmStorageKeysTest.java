package io.kvrotator.provider.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.testing.SharedContracts;
import io.kvrotator.vault.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Storage account keys as ARM's REST actions, against the ARM stand-in and the documented payloads. */
@SandboxTest
class ArmStorageKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-data(eu)/providers/Microsoft.Storage/storageAccounts/stkeysrest";

    private Sandbox sandbox;
    private ArmStorageKeys keys;
    private final List<StandIn.Request> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(Sandbox sandbox) {
        this.sandbox = sandbox;
        sandbox.arm.createAccount(ACCOUNT);
        sandbox.arm.route(request -> {
            if (request.path().contains("/stkeysrest/")) {
                requests.add(request);
            }
            return Optional.empty();
        });
        keys = new ArmStorageKeys(ArmAccess.of(sandbox.arm.baseUrl() + "/", sandbox.credential,
                HttpClient.createDefault()));
    }

    private static StorageAccountId account(String resourceId) {
        return StorageAccountId.parse(resourceId).orElseThrow();
    }

    @Test
    @DisplayName("listKeys and regenerateKey are POSTs to the account's actions at the storage API version, with"
            + " the documented request body, authenticated, and answer the account's keys")
    void restActions() throws Exception {
        Map<String, SecretValue> listed = keys.list(account(ACCOUNT));
        SecretValue regenerated = keys.regenerate(account(ACCOUNT), "key2");

        assertThat(listed.keySet()).containsExactlyInAnyOrder("key1", "key2");
        assertThat(listed.get("key1").reveal()).isEqualTo(sandbox.arm.key(ACCOUNT, "key1").orElseThrow().value());
        assertThat(regenerated.reveal()).isEqualTo(sandbox.arm.key(ACCOUNT, "key2").orElseThrow().value())
                .isNotEqualTo(listed.get("key2").reveal());
        assertThat(requests).extracting(StandIn.Request::method).containsExactly("POST", "POST");
        assertThat(requests).extracting(StandIn.Request::path)
                .containsExactly(ACCOUNT + "/listKeys", ACCOUNT + "/regenerateKey");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.query()).containsEntry("api-version", ArmStorageKeys.API_VERSION);
            assertThat(request.headers().get("authorization")).startsWith("Bearer ");
        });
        assertThat(requests.get(0).body()).isEmpty();
        assertThat(JSON.readTree(requests.get(1).body()))
                .isEqualTo(JSON.readTree(SharedContracts.read("arm-storage-regenerateKey-request.json")));
    }

    @Test
    @DisplayName("the documented listKeys answer reads as key1 and key2 by name")
    void documentedAnswer() throws Exception {
        JsonNode body = JSON.readTree(SharedContracts.read("arm-storage-listKeys-example.json"))
                .path("responses").path("200").path("body");

        Map<String, SecretValue> listed = ArmStorageKeys.keys(JSON.writeValueAsBytes(body), account(ACCOUNT),
                "listKeys");

        assertThat(listed.keySet()).containsExactlyInAnyOrder("key1", "key2");
        assertThat(listed.get("key2").reveal()).isEqualTo(body.path("keys").get(1).path("value").asText());
    }

    @Test
    @DisplayName("an unknown account is ARM's 404 with its error code, which the safe error text names")
    void refused() {
        String unknown = ACCOUNT.replace("stkeysrest", "stnosuch");

        assertThatThrownBy(() -> keys.list(account(unknown)))
                .isInstanceOfSatisfying(ManagementException.class, error -> {
                    assertThat(error.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(error.getValue().getCode()).isEqualTo("ResourceNotFound");
                    assertThat(SafeErrorText.of(error)).contains("status=404 code=ResourceNotFound");
                });
    }

    @Test
    @DisplayName("an answer that is not the keys fails without quoting it: the body holds key values")
    void unreadableAnswer() {
        String value = UUID.randomUUID().toString();
        for (String body : List.of("{\"keys\":[{\"keyName\":\"key1\",\"value\":\"" + value + "\"},]}",
                "{\"keys\":[{\"keyName\":\"key1\",\"value\":\"" + value + "\"}", "[\"" + value + "\"]",
                "\"" + value + "\"")) {
            assertThatThrownBy(() -> ArmStorageKeys.keys(body.getBytes(StandardCharsets.UTF_8), account(ACCOUNT),
                    "listKeys"))
                    .as(body.replace(value, "(value)"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("listKeys of storage account stkeysrest answered a body that is not its keys")
                    .hasNoCause();
        }
    }

    @Test
    @DisplayName("entries without a name or a value, and fields it does not know, are passed over")
    void partialEntries() {
        String body = "{\"keys\":[{\"keyName\":\"key1\",\"value\":\"\"},{\"value\":\"v2\"},"
                + "{\"creationTime\":\"2024-01-01T00:00:00Z\",\"keyName\":\"KEY2\",\"permissions\":\"FULL\","
                + "\"value\":\"v3\",\"extra\":{\"a\":[1,2]}},7],\"nextLink\":null}";

        Map<String, SecretValue> listed = ArmStorageKeys.keys(body.getBytes(StandardCharsets.UTF_8),
                account(ACCOUNT), "listKeys");

        assertThat(listed.keySet()).containsExactly("key2");
        assertThat(listed.get("key2").reveal()).isEqualTo("v3");
    }
}
