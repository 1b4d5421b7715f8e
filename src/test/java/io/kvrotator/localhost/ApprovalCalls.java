package io.kvrotator.localhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.testing.Principals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-person flow as engineers call it through a local host over the sandbox, App Service authentication on,
 * with a function key: Alice asks, Bob (an approver) approves, Carol (no approver role) tries to; each person has an
 * object ID of their own.
 */
final class ApprovalCalls implements AutoCloseable {

    static final String KEY = "test-function-key-0123456789";
    static final String APPROVER_ROLE = "KvRotator.Approver";
    static final Map<String, String> ALICE = principal("alice@contoso.com", Principals.OBJECT_ID, List.of());
    static final Map<String, String> BOB = principal("bob@contoso.com", "9b7c1e44-2f0a-4d6b-8a53-6c1d2e3f4a5b",
            List.of(APPROVER_ROLE));
    static final Map<String, String> CAROL = principal("carol@contoso.com", "5d0e8f21-7a3b-4c9d-9e6f-1a2b3c4d5e6f",
            List.of("KvRotator.Operator"));
    /** Alice again, signed in under another UPN, holding the approver role: her object ID gives her away. */
    static final Map<String, String> ALICE_AS_APPROVER = principal("alice.smith@contoso.com", Principals.OBJECT_ID,
            List.of(APPROVER_ROLE));
    static final Map<String, String> NOBODY = Map.of();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalFunctionsHost host;

    private ApprovalCalls(LocalFunctionsHost host) {
        this.host = host;
    }

    /** Installs the app over the sandbox for {@code vault}, with {@code extraSettings}, behind a local host. */
    static ApprovalCalls start(Sandbox sandbox, String vault, Map<String, String> extraSettings) {
        Map<String, String> settings = new HashMap<>(sandbox.appSettings(vault));
        settings.put(Setting.PLATFORM_AUTHENTICATION.key(), "True");
        settings.putAll(extraSettings);
        sandbox.install(settings);
        try {
            return new ApprovalCalls(new LocalFunctionsHost(HostedApp.current().functions(), KEY,
                    () -> SandboxState.of(sandbox), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        host.close();
    }

    static Map<String, String> principal(String name, String objectId, List<String> roles) {
        return Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header(name, objectId, roles));
    }

    HttpResponse<String> revoke(String vault, String secret, String body, Map<String, String> as) {
        return call("POST", "/api/secrets/" + vault + "/" + secret + "/revoke", body, as);
    }

    HttpResponse<String> retire(String vault, String secret, String body, Map<String, String> as) {
        return call("POST", "/api/secrets/" + vault + "/" + secret + "/retire", body, as);
    }

    HttpResponse<String> approve(String requestId, Map<String, String> as) {
        return call("POST", "/api/revocations/" + requestId + "/approve", null, as);
    }

    HttpResponse<String> withdraw(String requestId, Map<String, String> as) {
        return call("DELETE", "/api/revocations/" + requestId, null, as);
    }

    JsonNode open() {
        return json(call("GET", "/api/revocations", null, ALICE)).path("requests");
    }

    /** Alice asks, Bob approves: Bob's answer, after Alice's was a 202. */
    HttpResponse<String> revokeApproved(String vault, String secret, String body) {
        HttpResponse<String> requested = revoke(vault, secret, body, ALICE);
        if (requested.statusCode() != 202) {
            throw new AssertionError("asking for the revocation answered " + requested.statusCode() + ": "
                    + requested.body());
        }
        return approve(json(requested).path("requestId").asText(), BOB);
    }

    HttpResponse<String> call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("x-functions-key", KEY);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sandbox as {@code GET /sandbox/state} shows it: vaults, keys, applications, notifications. */
    JsonNode state() {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(host.stateUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
