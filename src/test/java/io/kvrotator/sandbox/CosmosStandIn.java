package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.net.URLDecoder;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cosmos DB in the sandbox. On the ARM stand-in, {@code Microsoft.DocumentDB/databaseAccounts} with four keys
 * ({@code listKeys}; {@code regenerateKey} answers {@code 202} with {@code Location} and
 * {@code Azure-AsyncOperation}, as the official 2025-10-15 examples in {@code src/test/resources/contracts/cosmosdb}
 * show, and the operation's status says {@code Succeeded}). As the data plane, List Databases
 * ({@code GET /{account}/dbs}, path-style) with master-key authorization, checked against the account's current
 * keys on the ARM stand-in: the signature is recomputed here for each of the four keys, and {@code x-ms-date} must
 * be within 15 minutes of the sandbox clock, as the service demands.
 */
public final class CosmosStandIn extends StandIn implements ArmKeyedType {

    public static final String PRIMARY = "primary";
    public static final String SECONDARY = "secondary";
    public static final String PRIMARY_READONLY = "primaryReadonly";
    public static final String SECONDARY_READONLY = "secondaryReadonly";
    private static final Duration DATE_TOLERANCE = Duration.ofMinutes(15);

    private final ArmStandIn arm;
    private final Clock clock;
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    public CosmosStandIn(SandboxTls tls, ArmStandIn arm, Clock clock) {
        super("cosmos", tls);
        this.arm = arm;
        this.clock = clock;
    }

    /** Creates an account with four fresh keys; returns them by name. */
    public Map<String, KeyState> create(String resourceId) {
        String name = resourceId.substring(resourceId.lastIndexOf('/') + 1);
        arm.createKeyed(this, resourceId);
        accounts.put(name.toLowerCase(Locale.ROOT), resourceId);
        return arm.keysOf(resourceId);
    }

    /** The value of {@code ROTATOR_COSMOS_ENDPOINT_TEMPLATE}: path-style, {@code https://127.0.0.1:PORT/{account}/}. */
    public String endpointTemplate() {
        return baseUrl() + "/{account}/";
    }

    /** Whether {@code value} is one of the account's current keys: what a master-key signature with it passes. */
    public boolean accepts(String resourceId, String value) {
        return arm.acceptsKey(resourceId, value);
    }

    // ---- data plane

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        String resourceId = segments.length > 1 ? accounts.get(segments[1].toLowerCase(Locale.ROOT)) : null;
        if (resourceId == null) {
            return Response.json(404, cosmosError("NotFound", "Resource Not Found."));
        }
        if (!request.method().equals("GET") || segments.length != 3 || !segments[2].equals("dbs")) {
            return Response.json(400, cosmosError("BadRequest", "only List Databases (GET /dbs) is supported here"));
        }
        String date = request.headers().getOrDefault("x-ms-date", "");
        if (!request.headers().containsKey("x-ms-version") || !recent(date)) {
            return Response.json(401, cosmosError("Unauthorized", "Required Header authorization is missing, or"
                    + " x-ms-date is not within 15 minutes of the service's time. Ensure a valid x-ms-date and"
                    + " x-ms-version header are set."));
        }
        String authorization = URLDecoder.decode(request.headers().getOrDefault("authorization", ""),
                StandardCharsets.UTF_8);
        boolean signed = arm.keysOf(resourceId).values().stream()
                .anyMatch(key -> masterToken("GET", "dbs", "", date, key.value()).map(authorization::equals)
                        .orElse(false));
        if (!signed) {
            return Response.json(401, cosmosError("Unauthorized", "The input authorization token can't serve the"
                    + " request. The wrong key is being used or the expected payload is not built as per the"
                    + " protocol."));
        }
        ObjectNode body = JSON.createObjectNode().put("_rid", "");
        body.putArray("Databases").addObject().put("id", "sandbox").put("_rid", "qicAAA==")
                .put("_ts", clock.instant().getEpochSecond()).put("_self", "dbs/qicAAA==/")
                .put("_etag", "\"00001800-0000-0000-0000-563324f30000\"").put("_colls", "colls/")
                .put("_users", "users/");
        body.put("_count", 1);
        return Response.json(200, body).withHeader("x-ms-request-charge", "2");
    }

    private boolean recent(String date) {
        try {
            Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Duration.between(sent, clock.instant()).abs().compareTo(DATE_TOLERANCE) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The decoded master token a client holding {@code key} sends, written here from the documented algorithm and
     * independent of the provider's own signer.
     */
    static Optional<String> masterToken(String verb, String resourceType, String resourceLink, String date,
                                        String key) {
        String text = String.join("\n", verb.toLowerCase(Locale.ROOT), resourceType.toLowerCase(Locale.ROOT),
                resourceLink, date.toLowerCase(Locale.ROOT), "", "");
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            return Optional.of("type=master&ver=1.0&sig="
                    + Base64.getEncoder().encodeToString(hmac.doFinal(text.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode cosmosError(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    // ---- ARM: Microsoft.DocumentDB/databaseAccounts

    @Override
    public String resourceType() {
        return "Microsoft.DocumentDB/databaseAccounts";
    }

    @Override
    public List<String> keyNames() {
        return List.of(PRIMARY, SECONDARY, PRIMARY_READONLY, SECONDARY_READONLY);
    }

    @Override
    public String listAction() {
        return "listKeys";
    }

    @Override
    public boolean regenerates(String action) {
        return action.equalsIgnoreCase("regenerateKey");
    }

    /** The body's {@code keyKind}: {@code primary}, {@code secondary}, {@code primaryReadonly}, {@code secondaryReadonly}. */
    @Override
    public Optional<String> keyToRegenerate(StandIn.Request request, String action) {
        String keyKind = request.json() == null ? "" : request.json().path("keyKind").asText("");
        return keyNames().stream().filter(name -> name.equalsIgnoreCase(keyKind)).findFirst();
    }

    @Override
    public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
        return JSON.createObjectNode().put("primaryMasterKey", keys.get(PRIMARY).value())
                .put("secondaryMasterKey", keys.get(SECONDARY).value())
                .put("primaryReadonlyMasterKey", keys.get(PRIMARY_READONLY).value())
                .put("secondaryReadonlyMasterKey", keys.get(SECONDARY_READONLY).value());
    }

    /** {@code 202} naming the operation's status, as the example shows; the key is already regenerated. */
    @Override
    public Response regenerated(String resourceId, Map<String, KeyState> keys) {
        String subscription = resourceId.split("/")[2];
        return arm.accepted("/subscriptions/" + subscription + "/providers/Microsoft.DocumentDB/locations/westus"
                + "/operationsStatus/" + UUID.randomUUID(), "2025-10-15");
    }
}
