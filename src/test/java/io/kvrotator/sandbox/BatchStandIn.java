package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Azure Batch: the ARM side ({@code listKeys}, {@code regenerateKeys} and GET of the account, served by
 * {@link ArmStandIn} in the shapes of the official examples) and the Batch service endpoint, enough to verify a key:
 * List Applications with Shared Key authentication, the signature recomputed here from the request as received, as
 * "Authenticate requests to the Azure Batch service" documents it, and checked against the account's current keys.
 * Path-style endpoints: {@code https://127.0.0.1:PORT/{region}/{account}}; a request for another region than the
 * account's is refused, as its real host would not exist.
 */
public final class BatchStandIn extends StandIn {

    /** The Batch service refuses a request created more than 15 minutes before it arrives. */
    private static final Duration MAX_AGE = Duration.ofMinutes(15);
    private static final List<String> STANDARD_HEADERS = List.of("content-encoding", "content-language",
            "content-length", "content-md5", "content-type", "date", "if-modified-since", "if-match", "if-none-match",
            "if-unmodified-since", "range");

    private final ArmStandIn arm;
    private final Clock clock;
    private final Accounts type = new Accounts();
    /** Account resource IDs by account name. */
    private final Map<String, String> byName = new ConcurrentHashMap<>();
    private final Map<String, String> locations = new ConcurrentHashMap<>();

    public BatchStandIn(SandboxTls tls, ArmStandIn arm, Clock clock) {
        super("batch", tls);
        this.arm = arm;
        this.clock = clock;
    }

    /** The template for the {@code ROTATOR_BATCH_ENDPOINT_TEMPLATE} setting. */
    public String endpointTemplate() {
        return baseUrl() + "/{region}/{account}";
    }

    /** Creates an account in {@code westeurope} with fresh keys; returns {@code Primary}. */
    public String createAccount(String resourceId) {
        return createAccount(resourceId, "westeurope");
    }

    public String createAccount(String resourceId, String location) {
        String value = arm.createKeyed(type, resourceId);
        byName.put(name(resourceId), resourceId);
        locations.put(resourceId.toLowerCase(Locale.ROOT), location);
        return value;
    }

    /** Whether the account's Batch endpoint accepts {@code key} now. */
    public boolean accepts(String resourceId, String key) {
        return arm.acceptsKey(resourceId, key);
    }

    public Map<String, KeyState> keys(String resourceId) {
        return arm.keysOf(resourceId);
    }

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        if (!"GET".equals(request.method()) || segments.length != 4 || !segments[3].equals("applications")) {
            return batchError(404, "InvalidUri", "only List Applications is served here");
        }
        String resourceId = byName.get(segments[2]);
        if (resourceId == null || !locations.get(resourceId.toLowerCase(Locale.ROOT)).equals(segments[1])) {
            return batchError(404, "AccountNotFound", "no Batch account " + segments[2] + " in " + segments[1]);
        }
        if (!recent(request)) {
            return batchError(403, "AuthenticationFailed", "Server failed to authenticate the request: the"
                    + " ocp-date or Date header is missing or not within 15 minutes of the request's arrival.");
        }
        String authorization = request.headers().getOrDefault("authorization", "");
        String stringToSign = stringToSign(request, segments[2]);
        boolean signed = arm.keysOf(resourceId).values().stream().anyMatch(key ->
                expected(segments[2], key.value(), stringToSign).map(authorization::equals).orElse(false));
        if (!signed) {
            return batchError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the"
                    + " value of Authorization header is formed correctly including the signature.");
        }
        return Response.json(200, ContainerRegistryStandIn.exampleBody("batch/ApplicationList.json"));
    }

    /** The documented string to sign, from the request exactly as it arrived. */
    private static String stringToSign(Request request, String account) {
        Map<String, String> headers = request.headers();
        StringBuilder text = new StringBuilder(request.method()).append('\n');
        for (String name : STANDARD_HEADERS) {
            String value = headers.getOrDefault(name, "");
            if (name.equals("date") && headers.containsKey("ocp-date")) {
                value = "";
            }
            if (name.equals("content-length") && value.equals("0")) {
                value = "";
            }
            text.append(value).append('\n');
        }
        new TreeMap<>(headers).forEach((name, value) -> {
            if (name.startsWith("ocp-")) {
                text.append(name).append(':').append(value.trim()).append('\n');
            }
        });
        text.append('/').append(account).append(request.uri().getRawPath());
        Map<String, String> query = new TreeMap<>();
        request.query().forEach((name, value) -> query.put(name.toLowerCase(Locale.ROOT), value));
        query.forEach((name, value) -> text.append('\n').append(name).append(':').append(value));
        return text.toString();
    }

    private static Optional<String> expected(String account, String key, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            return Optional.of("SharedKey " + account + ":"
                    + Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean recent(Request request) {
        String date = request.headers().getOrDefault("ocp-date", request.headers().get("date"));
        if (date == null) {
            return false;
        }
        try {
            Instant created = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Duration.between(created, clock.instant()).abs().compareTo(MAX_AGE) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Response batchError(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("odata.metadata",
                "https://account.region.batch.azure.com/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container"
                        + ".errors/@Element").put("code", code);
        body.putObject("message").put("lang", "en-US").put("value", message);
        return Response.json(status, body);
    }

    private static String name(String resourceId) {
        return resourceId.substring(resourceId.lastIndexOf('/') + 1);
    }

    /** {@code Microsoft.Batch/batchAccounts} as ARM lists, regenerates and reads it. */
    private final class Accounts implements ArmKeyedType {

        @Override
        public String resourceType() {
            return "Microsoft.Batch/batchAccounts";
        }

        @Override
        public List<String> keyNames() {
            return List.of("Primary", "Secondary");
        }

        @Override
        public String listAction() {
            return "listKeys";
        }

        @Override
        public boolean regenerates(String action) {
            return action.equalsIgnoreCase("regenerateKeys");
        }

        @Override
        public Optional<String> keyToRegenerate(Request request, String action) {
            JsonNode body = request.json();
            return body == null ? Optional.empty() : Optional.of(body.path("keyName").asText(""));
        }

        @Override
        public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
            return JSON.createObjectNode().put("accountName", name(resourceId))
                    .put("primary", keys.get("Primary").value()).put("secondary", keys.get("Secondary").value());
        }

        @Override
        public Optional<ObjectNode> resourceBody(String resourceId) {
            ObjectNode body = ContainerRegistryStandIn.exampleBody("batch/BatchAccountGet.json").deepCopy();
            String name = name(resourceId);
            String location = locations.get(resourceId.toLowerCase(Locale.ROOT));
            body.put("id", resourceId).put("name", name).put("location", location);
            ObjectNode properties = (ObjectNode) body.path("properties");
            properties.put("accountEndpoint", name + "." + location + ".batch.azure.com");
            ((ObjectNode) properties.path("autoStorage")).put("storageAccountId", resourceId.substring(0,
                    resourceId.indexOf("/providers/")) + "/providers/Microsoft.Storage/storageAccounts/" + name);
            return Optional.of(body);
        }
    }
}
