package io.kvrotator.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data plane of Service Bus or Event Hubs namespaces, enough to try a rule's key: a {@code GET} of an entity
 * (or of {@code $Resources/...} below the namespace) authorized by a Shared Access Signature token, which is checked
 * as the service checks it: not expired, its {@code sr} a prefix of the request's URL, and its signature made with
 * a current key (at the ARM stand-in, now) of the rule {@code skn} names, on the namespace or on the entity. A valid
 * token of a rule without the Manage right gets the {@code 401} of a missing claim. Path-style URLs:
 * {@code https://127.0.0.1:PORT/{namespace}/{entity}}.
 */
public final class SasStandIn extends StandIn {

    private final ArmStandIn arm;
    private final SasRuleType type;
    private final Clock clock;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    public SasStandIn(String service, SandboxTls tls, ArmStandIn arm, SasRuleType type, Clock clock) {
        super(service, tls);
        this.arm = arm;
        this.type = type;
        this.clock = clock;
    }

    /** The endpoint template for the provider's {@code ROTATOR_*_ENDPOINT_TEMPLATE} setting. */
    public String endpointTemplate() {
        return baseUrl() + "/{namespace}";
    }

    /**
     * Creates an authorization rule with fresh keys at the ARM stand-in; returns its PrimaryKey.
     *
     * @param resourceId {@code .../namespaces/{ns}/authorizationRules/{rule}} or
     *                   {@code .../namespaces/{ns}/{entityType}/{entity}/authorizationRules/{rule}}
     * @param rights     {@code Listen}, {@code Send}, {@code Manage}
     */
    public String createRule(String resourceId, Set<String> rights) {
        String[] parts = resourceId.split("/");
        if (parts.length != 11 && parts.length != 13) {
            throw new IllegalArgumentException("not an authorization rule ID: " + resourceId);
        }
        String namespace = parts[8];
        String entity = parts.length == 13 ? parts[10] : null;
        String first = arm.createKeyed(type, resourceId);
        rules.put(key(namespace, entity, parts[parts.length - 1]), new Rule(resourceId, Set.copyOf(rights)));
        return first;
    }

    public String createRule(String resourceId) {
        return createRule(resourceId, Set.of("Listen", "Send", "Manage"));
    }

    @Override
    protected Response handle(Request request) {
        String path = URLDecoder.decode(request.path(), StandardCharsets.UTF_8);
        String[] segments = path.split("/");
        if (!"GET".equals(request.method()) || segments.length < 3) {
            return error(400, "400: only GET of an entity or of $Resources is supported here");
        }
        String namespace = segments[1];
        String entity = segments[2].startsWith("$") ? null : String.join("/", List.of(segments).subList(2,
                segments.length));
        Map<String, String> token = token(request.headers().getOrDefault("authorization", ""));
        if (!token.keySet().containsAll(List.of("sr", "sig", "se", "skn"))) {
            return error(401, "MalformedToken: the Authorization header is not a SharedAccessSignature token.");
        }
        long expiry;
        try {
            expiry = Long.parseLong(token.get("se"));
        } catch (NumberFormatException e) {
            return error(401, "MalformedToken: se is not a number.");
        }
        if (expiry <= clock.instant().getEpochSecond()) {
            return error(401, "ExpiredToken: The token is expired.");
        }
        String audience = withoutScheme(decode(token.get("sr")));
        if (!withoutScheme(baseUrl() + path).toLowerCase(Locale.ROOT).startsWith(audience.toLowerCase(Locale.ROOT))) {
            return error(401, "InvalidAudience: The token audience does not match the resource.");
        }
        String skn = decode(token.get("skn"));
        String signature = decode(token.get("sig"));
        String stringToSign = token.get("sr") + "\n" + token.get("se");
        Optional<Rule> signedBy = candidates(namespace, entity, skn).stream().filter(rule -> arm.keysOf(rule.resourceId)
                .values().stream().anyMatch(key -> hmacSha256(key.value(), stringToSign).equals(signature)))
                .findFirst();
        if (signedBy.isEmpty()) {
            return error(401, "InvalidSignature: The token has an invalid signature.");
        }
        if (!signedBy.get().rights.contains("Manage")) {
            return error(401, "Unauthorized access. 'Manage' claim(s) are required to perform this operation."
                    + " Resource: 'sb://" + namespace + "/" + (entity == null ? "" : entity) + "'.");
        }
        String title = entity == null ? segments[2] : entity;
        return Response.text(200, "application/atom+xml;type=entry;charset=utf-8",
                "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">" + title + "</title>"
                        + "<content type=\"application/xml\" /></entry>");
    }

    private List<Rule> candidates(String namespace, String entity, String skn) {
        return Stream.of(key(namespace, null, skn), entity == null ? null : key(namespace, entity, skn))
                .filter(Objects::nonNull).map(rules::get).filter(Objects::nonNull).toList();
    }

    /** The signature Microsoft documents: Base64 of HMAC-SHA256 keyed with the key's characters as UTF-8. */
    private static String hmacSha256(String key, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's fields, as sent (still URL-encoded). */
    private static Map<String, String> token(String authorization) {
        Map<String, String> fields = new LinkedHashMap<>();
        String prefix = "SharedAccessSignature ";
        if (authorization.startsWith(prefix)) {
            for (String pair : authorization.substring(prefix.length()).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return fields;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String withoutScheme(String url) {
        int scheme = url.indexOf("://");
        return scheme < 0 ? url : url.substring(scheme + 3);
    }

    private static String key(String namespace, String entity, String rule) {
        return (namespace + "/" + (entity == null ? "" : entity) + "/" + rule).toLowerCase(Locale.ROOT);
    }

    /** Service Bus's error body: {@code <Error><Code>..</Code><Detail>..</Detail></Error>}. */
    private static Response error(int status, String detail) {
        return Response.text(status, "application/xml; charset=utf-8", "<Error><Code>" + status + "</Code><Detail>"
                + detail + " TrackingId:00000000-0000-0000-0000-000000000000, SystemTracker:sandbox</Detail></Error>");
    }

    private record Rule(String resourceId, Set<String> rights) {
    }
}
