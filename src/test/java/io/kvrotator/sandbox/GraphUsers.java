package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.StandIn.Request;
import io.kvrotator.sandbox.StandIn.Response;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Microsoft Graph users for the {@link GraphStandIn}: {@code GET /v1.0/users/{id}} honouring {@code $select}, as
 * "Get user" documents it. A user whose {@code userType} is hidden answers without it, as Graph does for an identity
 * with only the basic profile permission.
 */
public final class GraphUsers {

    private static final Pattern USER = Pattern.compile("/v1\\.0/users/([0-9a-fA-F-]{36})");

    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();

    /** A member or guest ({@code userType} {@code Member} or {@code Guest}; null: not returned). */
    public void put(String objectId, String displayName, String userPrincipalName, String userType) {
        ObjectNode user = StandIn.JSON.createObjectNode().put("id", objectId).put("displayName", displayName)
                .put("userPrincipalName", userPrincipalName).put("mail", userPrincipalName);
        if (userType != null) {
            user.put("userType", userType);
        }
        users.put(objectId.toLowerCase(Locale.ROOT), user);
    }

    Optional<Response> answer(Request request) {
        Matcher user = USER.matcher(request.path());
        if (!user.matches() || !request.method().equals("GET")) {
            return Optional.empty();
        }
        ObjectNode found = users.get(user.group(1).toLowerCase(Locale.ROOT));
        if (found == null) {
            ObjectNode error = StandIn.JSON.createObjectNode();
            error.putObject("error").put("code", "Request_ResourceNotFound").put("message", "Resource '"
                    + user.group(1) + "' does not exist or one of its queried reference-property objects are not"
                    + " present.");
            return Optional.of(Response.json(404, error));
        }
        String select = request.query().get("$select");
        if (select == null) {
            return Optional.of(Response.json(200, found));
        }
        Set<String> fields = Arrays.stream(select.split(",")).map(String::trim).collect(Collectors.toSet());
        ObjectNode selected = StandIn.JSON.createObjectNode();
        found.fields().forEachRemaining(field -> {
            if (fields.stream().anyMatch(field.getKey()::equalsIgnoreCase)) {
                selected.set(field.getKey(), field.getValue());
            }
        });
        return Optional.of(Response.json(200, selected));
    }
}
