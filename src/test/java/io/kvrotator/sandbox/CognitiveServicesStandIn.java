package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure AI services / Azure OpenAI accounts: their ARM key API ({@code listKeys}, {@code regenerateKey} with
 * {@code {"keyName": "Key1"}}), served by {@link ArmStandIn} in the shapes of the official examples, and their data
 * plane, enough to verify a key: Azure OpenAI's Models - List ({@code GET /{account}/openai/models}, path-style),
 * answered 200 only when {@code api-key} (or {@code Ocp-Apim-Subscription-Key}) holds one of the account's keys
 * the ARM stand-in holds now, 401 otherwise.
 */
public final class CognitiveServicesStandIn extends StandIn {

    public static final String RESOURCE_TYPE = "Microsoft.CognitiveServices/accounts";
    static final String API_VERSION = "2024-10-21";

    /** The ARM key API of {@code Microsoft.CognitiveServices/accounts}. */
    public static final ArmKeyedType KEYS = new ArmKeyedType() {

        @Override
        public String resourceType() {
            return RESOURCE_TYPE;
        }

        @Override
        public List<String> keyNames() {
            return List.of("Key1", "Key2");
        }

        @Override
        public String listAction() {
            return "listKeys";
        }

        @Override
        public boolean regenerates(String action) {
            return action.equalsIgnoreCase("regenerateKey");
        }

        @Override
        public Optional<String> keyToRegenerate(Request request, String action) {
            JsonNode body = request.json();
            String keyName = body == null ? "" : body.path("keyName").asText("");
            return keyNames().stream().filter(name -> name.equalsIgnoreCase(keyName)).findFirst();
        }

        @Override
        public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
            ObjectNode body = JSON.createObjectNode();
            body.put("key1", keys.get("Key1").value());
            body.put("key2", keys.get("Key2").value());
            return body;
        }
    };

    private final ArmStandIn arm;
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    public CognitiveServicesStandIn(SandboxTls tls, ArmStandIn arm) {
        super("cognitive", tls);
        this.arm = arm;
    }

    /** The value for {@code ROTATOR_COGNITIVE_VERIFY_URL_TEMPLATE}: this stand-in's Models - List, path-style. */
    public String verifyUrlTemplate() {
        return baseUrl() + "/{account}/openai/models?api-version=" + API_VERSION;
    }

    /** Creates an account with fresh Key1 and Key2 at the ARM stand-in; returns Key1. */
    public String createAccount(String resourceId) {
        String key1 = arm.createKeyed(KEYS, resourceId);
        accounts.put(name(resourceId), resourceId);
        return key1;
    }

    /** The account's keys now, by {@code Key1}/{@code Key2}. */
    public Map<String, KeyState> keys(String resourceId) {
        return arm.keysOf(resourceId);
    }

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        String resourceId = segments.length > 1 ? accounts.get(segments[1].toLowerCase(Locale.ROOT)) : null;
        if (!"GET".equals(request.method()) || segments.length != 4 || !"openai".equals(segments[2])
                || !"models".equals(segments[3])) {
            return Response.json(404, error("404", "Resource not found"));
        }
        if (!API_VERSION.equals(request.query().get("api-version"))) {
            return Response.json(400, error("BadRequest", "API version not supported"));
        }
        String key = Optional.ofNullable(request.headers().get("api-key"))
                .orElse(request.headers().getOrDefault("ocp-apim-subscription-key", ""));
        if (resourceId == null || key.isEmpty() || !arm.acceptsKey(resourceId, key)) {
            return Response.json(401, error("401", "Access denied due to invalid subscription key or wrong API"
                    + " endpoint. Make sure to provide a valid key for an active subscription and use a correct"
                    + " regional API endpoint for your resource."));
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode model = body.putArray("data").addObject();
        model.put("status", "succeeded");
        model.putObject("capabilities").put("fine_tune", false).put("inference", true).put("completion", false)
                .put("chat_completion", true).put("embeddings", false);
        model.put("lifecycle_status", "generally-available");
        model.putObject("deprecation").put("fine_tune", 1798761600L).put("inference", 1798761600L);
        model.put("id", "gpt-4o-2024-08-06").put("created_at", 1722902400L).put("object", "model");
        body.put("object", "list");
        return Response.json(200, body);
    }

    private static String name(String resourceId) {
        return resourceId.substring(resourceId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }
}
