package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure AI Search services: their ARM admin key API ({@code listAdminKeys}, {@code regenerateAdminKey/{keyKind}}),
 * served by {@link ArmStandIn} in the shapes of the official examples, and their data plane, enough to verify an
 * admin key: Get Service Statistics ({@code GET /{service}/servicestats}, path-style), answered 200 only when
 * {@code api-key} holds one of the service's admin keys the ARM stand-in holds now, 403 otherwise (as the service
 * answers a wrong or query key).
 */
public final class SearchStandIn extends StandIn {

    public static final String RESOURCE_TYPE = "Microsoft.Search/searchServices";
    static final String API_VERSION = "2024-07-01";
    private static final String REGENERATE = "regenerateAdminKey/";

    /** The ARM admin key API of {@code Microsoft.Search/searchServices}. */
    public static final ArmKeyedType ADMIN_KEYS = new ArmKeyedType() {

        @Override
        public String resourceType() {
            return RESOURCE_TYPE;
        }

        @Override
        public List<String> keyNames() {
            return List.of("primary", "secondary");
        }

        @Override
        public String listAction() {
            return "listAdminKeys";
        }

        @Override
        public boolean regenerates(String action) {
            return action.regionMatches(true, 0, REGENERATE, 0, REGENERATE.length());
        }

        @Override
        public Optional<String> keyToRegenerate(Request request, String action) {
            String keyKind = action.substring(REGENERATE.length());
            return keyNames().stream().filter(name -> name.equalsIgnoreCase(keyKind)).findFirst();
        }

        @Override
        public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
            ObjectNode body = JSON.createObjectNode();
            body.put("primaryKey", keys.get("primary").value());
            body.put("secondaryKey", keys.get("secondary").value());
            return body;
        }
    };

    private final ArmStandIn arm;
    private final Map<String, String> services = new ConcurrentHashMap<>();

    public SearchStandIn(SandboxTls tls, ArmStandIn arm) {
        super("search", tls);
        this.arm = arm;
    }

    /** The value for {@code ROTATOR_SEARCH_ENDPOINT_TEMPLATE}: this stand-in, path-style. */
    public String endpointTemplate() {
        return baseUrl() + "/{service}";
    }

    /** Creates a search service with fresh primary and secondary admin keys at the ARM stand-in; returns primary. */
    public String createService(String resourceId) {
        String primary = arm.createKeyed(ADMIN_KEYS, resourceId);
        services.put(resourceId.substring(resourceId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT), resourceId);
        return primary;
    }

    /** The service's admin keys now, by {@code primary}/{@code secondary}. */
    public Map<String, KeyState> adminKeys(String resourceId) {
        return arm.keysOf(resourceId);
    }

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        if (!"GET".equals(request.method()) || segments.length != 3 || !"servicestats".equals(segments[2])) {
            return Response.empty(404);
        }
        if (!API_VERSION.equals(request.query().get("api-version"))) {
            return Response.json(400, error("", "Invalid or missing api-version query string parameter."));
        }
        String resourceId = services.get(segments[1].toLowerCase(Locale.ROOT));
        String key = request.headers().getOrDefault("api-key", "");
        if (resourceId == null || key.isEmpty() || !arm.acceptsKey(resourceId, key)) {
            return Response.empty(403);
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode counters = body.putObject("counters");
        for (String counter : List.of("documentCount", "indexesCount", "indexersCount", "dataSourcesCount",
                "storageSize", "synonymMaps", "vectorIndexSize")) {
            counters.putObject(counter).put("usage", 0).put("quota", counter.equals("storageSize") ? 52428800 : 3);
        }
        body.putObject("limits").put("maxFieldsPerIndex", 1000).put("maxFieldNestingDepthPerIndex", 10)
                .put("maxComplexCollectionFieldsPerIndex", 40).put("maxComplexObjectsInCollectionsPerDocument", 3000);
        return Response.json(200, body);
    }
}
