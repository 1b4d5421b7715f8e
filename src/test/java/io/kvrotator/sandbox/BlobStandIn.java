package io.kvrotator.sandbox;

import com.azure.storage.common.StorageSharedKeyCredential;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The blob data plane, enough to verify a storage key: List Containers with Shared Key authorization, checked
 * against the keys the ARM stand-in holds right now. Path-style URLs: {@code https://127.0.0.1:PORT/{account}}.
 */
public final class BlobStandIn extends StandIn {

    private final ArmStandIn arm;

    public BlobStandIn(SandboxTls tls, ArmStandIn arm) {
        super("blob", tls);
        this.arm = arm;
    }

    /** The template for the {@code ROTATOR_STORAGE_BLOB_ENDPOINT_TEMPLATE} setting. */
    public String endpointTemplate() {
        return baseUrl() + "/{account}";
    }

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        String account = segments.length > 1 ? segments[1] : "";
        if (!"GET".equals(request.method()) || !"list".equals(request.query().get("comp")) || segments.length != 2) {
            return storageError(400, "UnsupportedHttpVerb", "only List Containers is supported here");
        }
        String authorization = request.headers().getOrDefault("authorization", "");
        boolean signedWithCurrentKey = arm.keysOfAccountNamed(account).orElse(Map.of()).values().stream()
                .anyMatch(key -> expectedAuthorization(request, account, key.value())
                        .map(authorization::equals).orElse(false));
        if (!signedWithCurrentKey) {
            return storageError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure"
                    + " the value of Authorization header is formed correctly including the signature.");
        }
        return Response.text(200, "application/xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<EnumerationResults ServiceEndpoint=\"" + baseUrl() + "/" + account + "/\">"
                + "<MaxResults>1</MaxResults><Containers /><NextMarker /></EnumerationResults>")
                .withHeader("x-ms-version", request.headers().getOrDefault("x-ms-version", "2025-01-05"));
    }

    /** The Shared Key header a client holding {@code key} would send, computed by the SDK's own signer. */
    private Optional<String> expectedAuthorization(Request request, String account, String key) {
        try {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach((name, value) -> {
                if (!name.equals("authorization")) {
                    headers.put(name, value);
                }
            });
            URL url = new URL(baseUrl() + request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
            return Optional.of(new StorageSharedKeyCredential(account, key)
                    .generateAuthorizationHeader(url, request.method(), headers));
        } catch (MalformedURLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Response storageError(int status, String code, String message) {
        return Response.text(status, "application/xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
                + code + "</Code><Message>" + message + "</Message></Error>").withHeader("x-ms-error-code", code);
    }
}
