package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.vault.SecretValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for Azure Resource Manager's key APIs: storage account keys ({@code listKeys},
 * {@code regenerateKey}), spoken to over azure-core's ARM pipeline ({@code ArmStorageKeys}), every registered
 * {@link ArmKeyedType}, and the routes of other ARM areas added with {@link #route} (authorization, vault GET). ARM
 * paths are matched case-insensitively, as ARM does.
 */
public final class ArmStandIn extends StandIn {

    private static final Pattern ROUTE = Pattern.compile(
            "(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Storage/storageAccounts/[^/]+)"
                    + "/(listKeys|regenerateKey)", Pattern.CASE_INSENSITIVE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<String, KeyedResource> keyed = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> operations = new ConcurrentHashMap<>();
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Another area of ARM served by this stand-in: answers the requests that are its own, empty for the others. */
    @FunctionalInterface
    public interface Route {
        Optional<Response> answer(Request request);
    }

    public ArmStandIn(SandboxTls tls, Clock clock) {
        super("arm", tls);
        this.clock = clock;
    }

    public void route(Route route) {
        routes.add(route);
    }

    /** Creates an account with fresh key1 and key2; returns the value of key1 for seeding a secret. */
    public String createAccount(String resourceId) {
        AccountState account = new AccountState(resourceId, Map.of("key1", newKey(), "key2", newKey()), clock.instant());
        accounts.put(resourceId.toLowerCase(Locale.ROOT), account);
        return account.keys.get("key1").value();
    }

    public Optional<KeyState> key(String resourceId, String keyName) {
        return Optional.ofNullable(accounts.get(resourceId.toLowerCase(Locale.ROOT)))
                .map(account -> account.keys.get(keyName));
    }

    /** Whether {@code value} is one of the account's current keys: what the data plane would accept. */
    public boolean accepts(String accountName, String value) {
        return accounts.values().stream()
                .filter(account -> account.resourceId.toLowerCase(Locale.ROOT).endsWith("/" + accountName))
                .anyMatch(account -> account.keys.values().stream().anyMatch(key -> key.value().equals(value)));
    }

    public Optional<Map<String, KeyState>> keysOfAccountNamed(String accountName) {
        return accounts.values().stream()
                .filter(account -> account.resourceId.toLowerCase(Locale.ROOT).endsWith("/" + accountName))
                .findFirst().map(account -> Map.copyOf(account.keys));
    }

    /** Creates a resource of a keyed type with two fresh keys; returns the first key. */
    public String createKeyed(ArmKeyedType type, String resourceId) {
        Map<String, KeyState> keys = new LinkedHashMap<>();
        type.keyNames().forEach(name -> keys.put(name, newKey()));
        keyed.put(resourceId.toLowerCase(Locale.ROOT), new KeyedResource(resourceId, type, keys));
        return keys.get(type.keyNames().get(0)).value();
    }

    /** A keyed resource's keys now, by the service's key names. */
    public Map<String, KeyState> keysOf(String resourceId) {
        KeyedResource resource = keyed.get(resourceId.toLowerCase(Locale.ROOT));
        if (resource == null) {
            throw new IllegalArgumentException("no keyed resource " + resourceId);
        }
        synchronized (resource) {
            return Map.copyOf(resource.keys());
        }
    }

    /** Whether {@code value} is one of the keyed resource's current keys: what its data plane would accept. */
    public boolean acceptsKey(String resourceId, String value) {
        return keysOf(resourceId).values().stream().anyMatch(key -> key.value().equals(value));
    }

    /** Every keyed resource (AI services, Search, Cosmos DB, Redis, Batch, registries, SAS rules): its keys now. */
    public Map<String, Map<String, KeyState>> keyedResources() {
        Map<String, Map<String, KeyState>> view = new java.util.TreeMap<>();
        keyed.values().forEach(resource -> {
            synchronized (resource) {
                view.put(resource.resourceId(), Map.copyOf(resource.keys()));
            }
        });
        return view;
    }

    public Map<String, Map<String, KeyState>> accounts() {
        Map<String, Map<String, KeyState>> view = new LinkedHashMap<>();
        accounts.values().forEach(account -> view.put(account.resourceId, Map.copyOf(account.keys)));
        return view;
    }

    @Override
    protected Response handle(Request request) {
        if (!authorized(request)) {
            return Response.json(401, error("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing."));
        }
        for (Route route : routes) {
            Optional<Response> answer = route.answer(request);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        ObjectNode operation = request.method().equals("GET") ? operations.get(request.path().toLowerCase(Locale.ROOT))
                : null;
        if (operation != null) {
            return Response.json(200, operation);
        }
        Optional<Response> keyedAnswer = keyed(request);
        if (keyedAnswer.isPresent()) {
            return keyedAnswer.get();
        }
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches() || !request.method().equals("POST")) {
            return Response.json(404, error("InvalidResourceType", "The resource type could not be found."));
        }
        AccountState account = accounts.get(route.group(1).toLowerCase(Locale.ROOT));
        if (account == null) {
            String[] parts = route.group(1).split("/");
            return Response.json(404, error("ResourceNotFound", "The Resource 'Microsoft.Storage/storageAccounts/"
                    + parts[8] + "' under resource group '" + parts[4] + "' was not found. For more details please"
                    + " go to https://aka.ms/ARMResourceNotFoundFix"));
        }
        synchronized (account) {
            if (route.group(2).equalsIgnoreCase("regenerateKey")) {
                JsonNode body = request.json();
                String keyName = body == null ? "" : body.path("keyName").asText("");
                if (!account.keys.containsKey(keyName)) {
                    return Response.json(400, error("InvalidValuesForRequestParameters",
                            "Values for request parameters are invalid: keyName."));
                }
                account.keys.put(keyName, newKey());
            }
            return Response.json(200, account.listKeysBody());
        }
    }

    /**
     * An asynchronous action that has already finished, as ARM answers one: {@code 202} with {@code Location} and
     * {@code Azure-AsyncOperation} naming {@code statusPath} on this stand-in, where a GET then answers the
     * operation's status, {@code Succeeded} (what the SDK's poller reads, and reads again as the final result).
     * No {@code Retry-After}, as in the official examples: the client polls at its own interval.
     */
    public Response accepted(String statusPath, String apiVersion) {
        Instant now = clock.instant();
        ObjectNode status = JSON.createObjectNode().put("id", statusPath)
                .put("name", statusPath.substring(statusPath.lastIndexOf('/') + 1)).put("status", "Succeeded")
                .put("startTime", now.toString()).put("endTime", now.toString());
        operations.put(statusPath.toLowerCase(Locale.ROOT), status);
        String url = baseUrl() + statusPath + "?api-version=" + apiVersion;
        return Response.empty(202).withHeader("Location", url).withHeader("Azure-AsyncOperation", url);
    }

    /** A POST to a keyed resource's list or regenerate action, or a GET of it; empty when the path is none of them. */
    private Optional<Response> keyed(Request request) {
        String path = request.path().toLowerCase(Locale.ROOT);
        KeyedResource read = keyed.get(path.replaceAll("/+$", ""));
        if (read != null && request.method().equals("GET")) {
            return Optional.of(read.type().resourceBody(read.resourceId()).map(body -> Response.json(200, body))
                    .orElseGet(() -> Response.json(404, error("InvalidResourceType",
                            "The resource type could not be found."))));
        }
        Optional<KeyedResource> match = keyed.entrySet().stream().filter(entry -> path.startsWith(entry.getKey() + "/"))
                .map(Map.Entry::getValue).findFirst();
        if (match.isEmpty() || !request.method().equals("POST")) {
            return Optional.empty();
        }
        KeyedResource resource = match.get();
        ArmKeyedType type = resource.type();
        String action = request.path().substring(resource.resourceId().length() + 1);
        synchronized (resource) {
            if (action.equalsIgnoreCase(type.listAction())) {
                return Optional.of(Response.json(200, type.listBody(resource.resourceId(), resource.keys())));
            }
            if (type.regenerates(action)) {
                Optional<String> keyName = type.keyToRegenerate(request, action);
                if (keyName.isEmpty() || !resource.keys().containsKey(keyName.get())) {
                    return Optional.of(Response.json(400, error("InvalidRequestContent",
                            "The request content was invalid: the key to regenerate is not one of "
                                    + type.keyNames())));
                }
                resource.keys().put(keyName.get(), newKey());
                return Optional.of(type.regenerated(resource.resourceId(), resource.keys()));
            }
        }
        return Optional.of(Response.json(404, error("InvalidResourceType", "The resource type could not be found.")));
    }

    private KeyState newKey() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        String value = Base64.getEncoder().encodeToString(key);
        IssuedSecrets.record(value);
        return new KeyState(value, clock.instant());
    }

    private record KeyedResource(String resourceId, ArmKeyedType type, Map<String, KeyState> keys) {
    }

    private static final class AccountState {
        final String resourceId;
        final Map<String, KeyState> keys;

        AccountState(String resourceId, Map<String, KeyState> keys, Instant created) {
            this.resourceId = resourceId;
            this.keys = new LinkedHashMap<>(Map.of("key1", keys.get("key1"), "key2", keys.get("key2")));
        }

        ObjectNode listKeysBody() {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode keyList = body.putArray("keys");
            for (String name : new String[] {"key1", "key2"}) {
                KeyState key = keys.get(name);
                keyList.addObject().put("keyName", name).put("value", key.value()).put("permissions", "Full")
                        .put("creationTime", key.regeneratedAt().toString());
            }
            return body;
        }
    }

    /** A key's value is only for the stand-ins' own checks; tests compare {@link #fingerprint()}s. */
    public record KeyState(String value, Instant regeneratedAt) {
        public String fingerprint() {
            return SecretValue.fingerprintOf(value);
        }

        @Override
        public String toString() {
            return "KeyState[fingerprint=" + fingerprint() + ", regeneratedAt=" + regeneratedAt + "]";
        }
    }
}
