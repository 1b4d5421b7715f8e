package io.kvrotator.localhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.app.InvalidSettingsException;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP API and the Event Grid webhook through the local host, as an engineer would call them with curl. */
@SandboxTest
class LocalHostApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "test-function-key-0123456789";
    private static final String VAULT = "kv-dev-rotator";
    private static final String PAYMENTS = "/api/secrets/kv-dev-rotator/PAYMENTS-STORAGE-KEY";
    /** What App Service adds to the app settings when its authentication is on. */
    private static final Map<String, String> AUTHENTICATION_ON = Map.of(Setting.PLATFORM_AUTHENTICATION.key(), "True");

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private MutableClock clock;
    private LocalFunctionsHost host;
    private List<SeededSecret> seeded;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        this.clock = clock;
        seeded = SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        startHost(AUTHENTICATION_ON);
    }

    private void startHost(Map<String, String> extraSettings) throws IOException {
        if (host != null) {
            host.close();
        }
        sandbox.install(settings(extraSettings));
        host = new LocalFunctionsHost(HostedApp.current().functions(), KEY,
                () -> SandboxState.of(sandbox), 0);
    }

    private Map<String, String> settings(Map<String, String> extraSettings) {
        Map<String, String> settings = new java.util.HashMap<>(sandbox.appSettings(VAULT));
        settings.putAll(extraSettings);
        return settings;
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    @DisplayName("GET status shows the credential in use, days left and what a rotation would do")
    void status() throws Exception {
        HttpResponse<String> response = call("GET", PAYMENTS, null, KEY, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("credentialType").asText()).isEqualTo("StorageAccountKey");
        assertThat(body.path("credentialId").asText()).isEqualTo("key1");
        assertThat(body.path("daysLeft").asLong()).isEqualTo(20);
        assertThat(body.path("rotation").path("wouldDo").asText()).startsWith("regenerate key2 of storage account stpaymentsdev");
        assertThat(body.path("rotation").path("newExpiresOn").asText()).isEqualTo("2027-01-21T07:00:00Z");
    }

    @Test
    @DisplayName("GET expiries lists what expires within the window, soonest first, and the secrets without expiry")
    void expiries() throws Exception {
        JsonNode before = state();

        HttpResponse<String> response = call("GET", "/api/expiries?withinDays=15", null, KEY, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("complete").asBoolean()).isTrue();
        List<String> names = new java.util.ArrayList<>();
        body.path("items").forEach(item -> names.add(item.path("name").asText() + "@" + item.path("daysLeft").asLong()));
        assertThat(names).startsWith("ORDERS-STORAGE-KEY@-2").contains("LEGACY-PARTNER-API-KEY@9",
                "BILLING-API-CLIENT-SECRET@12").noneMatch(name -> name.startsWith("PAYMENTS-STORAGE-KEY"));
        assertThat(body.path("items").get(0).path("rotatedAutomatically").asBoolean()).isTrue();
        assertThat(call("GET", "/api/expiries?withinDays=-1", null, KEY, Map.of()).statusCode()).isEqualTo(400);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @DisplayName("POST rotate with dryRun returns the plan and changes nothing")
    void dryRun() throws Exception {
        JsonNode before = state();

        HttpResponse<String> response = call("POST", PAYMENTS + "/rotate", "{\"reason\":\"check\",\"dryRun\":true}", KEY, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("outcome").asText()).isEqualTo("planned");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @DisplayName("POST rotate stores a new version, records the caller (App Service authentication on), and leaves the key in use working")
    void rotate() throws Exception {
        String principal = Principals.header("alice@contoso.com", List.of());

        HttpResponse<String> response = call("POST", PAYMENTS + "/rotate", "{\"reason\":\"quarterly rotation\"}", KEY,
                Map.of("X-MS-CLIENT-PRINCIPAL", principal));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("outcome").asText()).isEqualTo("rotated");
        assertThat(body.path("credentialId").asText()).isEqualTo("key2");
        JsonNode versions = state().path("vaults").path(VAULT).path("secrets").path("PAYMENTS-STORAGE-KEY").path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).path("tags").path("RotatedBy").asText()).isEqualTo("http:alice@contoso.com");
        assertThat(versions.get(1).path("tags").path("RotationReason").asText()).isEqualTo("quarterly rotation");
        assertThat(versions.get(1).path("fingerprint").asText()).isEqualTo(storageKey("stpaymentsdev", "key2"));
        assertThat(versions.get(0).path("fingerprint").asText()).isEqualTo(storageKey("stpaymentsdev", "key1"));
    }

    @Test
    @DisplayName("POST revoke, once a second person approved it, rotates, invalidates the other key, disables old"
            + " versions; repeating it changes nothing more")
    void revoke() throws Exception {
        String body = "{\"reason\":\"key pasted in a ticket\"}";

        HttpResponse<String> first = revokeApproved(PAYMENTS, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("outcome").asText()).isEqualTo("revoked");
        JsonNode versions = state().path("vaults").path(VAULT).path("secrets").path("PAYMENTS-STORAGE-KEY").path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("enabled").asBoolean()).isFalse();
        assertThat(versions.get(1).path("enabled").asBoolean()).isTrue();
        assertThat(versions.get(1).path("tags").path("RotationReason").asText()).isEqualTo("revoke: key pasted in a ticket");
        for (JsonNode version : versions) {
            assertThat(version.path("tags").path("RevokedBy").asText()).isEqualTo("alice@contoso.com");
            assertThat(version.path("tags").path("ApprovedBy").asText()).isEqualTo("security@contoso.com");
            assertThat(version.path("tags").path("RevocationReason").asText()).isEqualTo("key pasted in a ticket");
            assertThat(version.path("tags").path("RevokedAt").asText()).isNotBlank();
        }
        String oldKey = versions.get(0).path("fingerprint").asText();
        assertThat(List.of(storageKey("stpaymentsdev", "key1"), storageKey("stpaymentsdev", "key2")))
                .as("the leaked key works nowhere").doesNotContain(oldKey)
                .contains(versions.get(1).path("fingerprint").asText());

        HttpResponse<String> again = revokeApproved(PAYMENTS, body);

        assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("already-revoked");
        JsonNode after = state().path("vaults").path(VAULT).path("secrets").path("PAYMENTS-STORAGE-KEY").path("versions");
        assertThat(after).hasSize(2);
        assertThat(after.get(1).path("fingerprint").asText()).isEqualTo(versions.get(1).path("fingerprint").asText())
                .isIn(storageKey("stpaymentsdev", "key1"), storageKey("stpaymentsdev", "key2"));
    }

    @Test
    @DisplayName("revoking an app secret leaves exactly one password on the application: the new version's")
    void revokeAppSecret() throws Exception {
        String objectId = state().path("applications").fieldNames().next();
        String appSecret = "/api/secrets/kv-dev-rotator/BILLING-API-CLIENT-SECRET";
        sandbox.graph.addPassword(objectId, "made by hand in the portal", clock.instant(), clock.instant().plusSeconds(86400));

        HttpResponse<String> response = revokeApproved(appSecret, "{\"reason\":\"secret in a public repo\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("outcome").asText()).isEqualTo("revoked");
        JsonNode passwords = state().path("applications").path(objectId).path("passwords");
        assertThat(passwords).hasSize(1);
        assertThat(passwords.get(0).path("keyId").asText()).isEqualTo(body.path("credentialId").asText());
        JsonNode versions = state().path("vaults").path(VAULT).path("secrets").path("BILLING-API-CLIENT-SECRET").path("versions");
        assertThat(versions.get(versions.size() - 1).path("fingerprint").asText())
                .isEqualTo(passwords.get(0).path("fingerprint").asText());
        assertThat(versions.get(0).path("enabled").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("the Event Grid webhook rotates on a near-expiry event and the same event again changes nothing")
    void eventGridWebhook() throws Exception {
        SeededSecret payments = seeded.stream().filter(s -> s.name().equals("PAYMENTS-STORAGE-KEY")).findFirst().orElseThrow();
        String event = "[" + KeyVaultEvents.nearExpiry(VAULT, payments.name(), payments.version(), payments.expiresOn(),
                clock.instant()) + "]";

        HttpResponse<String> first = webhook("SecretNearExpiry", event);
        JsonNode afterFirst = state();
        HttpResponse<String> second = webhook("SecretNearExpiry", event);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(afterFirst.path("vaults").path(VAULT).path("secrets").path("PAYMENTS-STORAGE-KEY").path("versions")).hasSize(2);
        assertThat(state()).isEqualTo(afterFirst);
    }

    @Test
    @DisplayName("with App Service authentication off, a forged principal claiming a role is not recorded: RotatedBy says function-key")
    void forgedPrincipalWithoutAuthentication() throws Exception {
        startHost(Map.of());
        String forged = Principals.header("ceo@contoso.com", List.of("KvRotator.Operator"));

        HttpResponse<String> response = call("POST", PAYMENTS + "/rotate", "{\"reason\":\"quarterly rotation\"}", KEY,
                Map.of("X-MS-CLIENT-PRINCIPAL", forged, "X-MS-CLIENT-PRINCIPAL-NAME", "ceo@contoso.com"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode versions = state().path("vaults").path(VAULT).path("secrets").path("PAYMENTS-STORAGE-KEY").path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).path("tags").path("RotatedBy").asText()).isEqualTo("http:function-key");
    }

    @Test
    @DisplayName("requiring a caller identity or role while App Service authentication is off stops start-up, naming both settings")
    void identityRequiredWithoutAuthentication() {
        assertThatThrownBy(() -> sandbox.install(settings(Map.of("ROTATOR_REQUIRE_CALLER_IDENTITY", "true"))))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_REQUIRE_CALLER_IDENTITY is true but WEBSITE_AUTH_ENABLED is not true");
        assertThatThrownBy(() -> sandbox.install(settings(Map.of("ROTATOR_REQUIRED_CALLER_ROLE", "KvRotator.Operator"))))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_REQUIRED_CALLER_ROLE is set but WEBSITE_AUTH_ENABLED is not true");
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badRequests")
    @DisplayName("bad requests get a clear error and change nothing")
    void badRequests(String why, String method, String path, int status, String body, String key, String detail)
            throws Exception {
        JsonNode before = state();

        HttpResponse<String> response = call(method, path, body, key,
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("alice@contoso.com", List.of())));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains(detail);
        if (status != 401 || !detail.contains("function key")) {
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        }
        assertThat(state()).isEqualTo(before);
        assertThat(sandbox.arm.calls()).isEmpty();
    }

    static Stream<Arguments> badRequests() {
        String ok = "{\"reason\":\"rotate\"}";
        return Stream.of(
                Arguments.of("missing function key", "POST", PAYMENTS + "/rotate", 401, ok, null, "function key"),
                Arguments.of("wrong function key", "GET", PAYMENTS, 401, null, "nope", "function key"),
                Arguments.of("unknown vault", "POST", "/api/secrets/kv-prod-rotator/PAYMENTS-STORAGE-KEY/rotate", 403, ok, KEY,
                        "not in the allow-list"),
                Arguments.of("invalid vault name", "GET", "/api/secrets/kv_dev/PAYMENTS-STORAGE-KEY", 400, null, KEY,
                        "not a valid Key Vault name"),
                Arguments.of("secret name with path traversal", "GET", "/api/secrets/kv-dev-rotator/..%2F..%2Fkeys", 400, null, KEY,
                        "not a valid Key Vault secret name"),
                Arguments.of("secret name with URL trick", "POST", "/api/secrets/kv-dev-rotator/a%40evil.com/rotate", 400, ok, KEY,
                        "not a valid Key Vault secret name"),
                Arguments.of("oversize body", "POST", PAYMENTS + "/rotate", 413,
                        "{\"reason\":\"" + "x".repeat(20_000) + "\"}", KEY, "larger than 16384 bytes"),
                Arguments.of("malformed JSON", "POST", PAYMENTS + "/rotate", 400, "{\"reason\":", KEY, "not valid JSON"),
                Arguments.of("JSON that is not an object", "POST", PAYMENTS + "/rotate", 400, "[\"rotate\"]", KEY,
                        "must be a JSON object"),
                Arguments.of("missing reason", "POST", PAYMENTS + "/rotate", 400, "{\"dryRun\":false}", KEY, "'reason' is required"),
                Arguments.of("reason of the wrong type", "POST", PAYMENTS + "/rotate", 400, "{\"reason\":42}", KEY,
                        "'reason' must be a string"),
                Arguments.of("dryRun of the wrong type", "POST", PAYMENTS + "/rotate", 400, "{\"reason\":\"r\",\"dryRun\":\"yes\"}",
                        KEY, "'dryRun' must be true or false"),
                Arguments.of("unknown field (typo)", "POST", PAYMENTS + "/rotate", 400, "{\"reason\":\"r\",\"dryrun\":true}",
                        KEY, "unknown field 'dryrun'"),
                Arguments.of("revoke without reason", "POST", PAYMENTS + "/revoke", 400, "{\"approvedBy\":\"bob@contoso.com\"}",
                        KEY, "'reason' is required"),
                Arguments.of("emergency revoke without approver", "POST", PAYMENTS + "/revoke", 400, "{\"reason\":\"leak\",\"emergency\":true}", KEY,
                        "'approvedBy' is required"),
                Arguments.of("emergency approver equal to caller", "POST", PAYMENTS + "/revoke", 400,
                        "{\"reason\":\"leak\",\"emergency\":true,\"approvedBy\":\"Alice@contoso.com\"}", KEY,
                        "someone other than the caller"),
                Arguments.of("emergency approver equal to caller but for a zero-width space", "POST", PAYMENTS + "/revoke", 400,
                        "{\"reason\":\"leak\",\"emergency\":true,\"approvedBy\":\"alice@contoso.com\\u200B\"}", KEY,
                        "someone other than the caller"),
                Arguments.of("emergency approver equal to caller in full-width letters", "POST", PAYMENTS + "/revoke", 400,
                        "{\"reason\":\"leak\",\"emergency\":true,\"approvedBy\":\"\uFF41lice@contoso.com\"}", KEY,
                        "someone other than the caller"),
                Arguments.of("emergency approver that is the caller's own object ID", "POST", PAYMENTS + "/revoke", 400,
                        "{\"reason\":\"leak\",\"emergency\":true,\"approvedBy\":\""
                                + Principals.OBJECT_ID.toUpperCase(java.util.Locale.ROOT) + "\"}", KEY,
                        "someone other than the caller"),
                Arguments.of("emergency approver that is not a principal name", "POST", PAYMENTS + "/revoke", 400,
                        "{\"reason\":\"leak\",\"emergency\":true,\"approvedBy\":\"my manager\"}", KEY,
                        "is not a principal name"),
                Arguments.of("revoke naming a malformed version", "POST", PAYMENTS + "/revoke", 400,
                        "{\"reason\":\"leak\",\"approvedBy\":\"bob@contoso.com\",\"version\":\"../x\"}", KEY, "not 32 hexadecimal"),
                Arguments.of("secret that does not exist", "GET", "/api/secrets/kv-dev-rotator/NO-SUCH-SECRET", 404, null, KEY,
                        "has no secret named NO-SUCH-SECRET"),
                Arguments.of("rotating a secret without CredentialType", "POST",
                        "/api/secrets/kv-dev-rotator/LEGACY-PARTNER-API-KEY/rotate", 422, ok, KEY, "no CredentialType tag"));
    }

    @Test
    @DisplayName("with caller identity required, a call without an App Service principal is refused")
    void identityRequired() throws Exception {
        startHost(Map.of(Setting.PLATFORM_AUTHENTICATION.key(), "True", "ROTATOR_REQUIRE_CALLER_IDENTITY", "true",
                "ROTATOR_REQUIRED_CALLER_ROLE", "KvRotator.Operator"));
        JsonNode before = state();

        HttpResponse<String> anonymous = call("POST", PAYMENTS + "/rotate", "{\"reason\":\"r\"}", KEY, Map.of());
        HttpResponse<String> withoutRole = call("POST", PAYMENTS + "/rotate", "{\"reason\":\"r\"}", KEY,
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("alice@contoso.com", List.of("Reader"))));
        HttpResponse<String> operator = call("GET", PAYMENTS, null, KEY,
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("alice@contoso.com", List.of("KvRotator.Operator"))));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(withoutRole.statusCode()).isEqualTo(403);
        assertThat(withoutRole.body()).contains("does not have the app role KvRotator.Operator");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(state()).isEqualTo(before);
    }

    /** Alice asks for the revocation; security@contoso.com, an approver, approves it: the approval's answer. */
    private HttpResponse<String> revokeApproved(String secretPath, String body) throws Exception {
        HttpResponse<String> requested = call("POST", secretPath + "/revoke", body, KEY, Map.of("X-MS-CLIENT-PRINCIPAL",
                Principals.header("alice@contoso.com", List.of())));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        return call("POST", "/api/revocations/" + JSON.readTree(requested.body()).path("requestId").asText() + "/approve",
                null, KEY, Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header("security@contoso.com",
                        "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9", List.of("KvRotator.Approver"))));
    }

    private HttpResponse<String> call(String method, String path, String body, String key, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("x-functions-key", key);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> webhook(String function, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/runtime/webhooks/EventGrid?functionName="
                        + function)).header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state() throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(host.stateUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String storageKey(String account, String key) throws IOException, InterruptedException {
        var fields = state().path("storageAccounts").fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (entry.getKey().endsWith("/" + account)) {
                return entry.getValue().path(key).path("fingerprint").asText();
            }
        }
        throw new AssertionError("no account " + account);
    }
}
