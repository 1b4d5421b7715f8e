package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.StandIn.Request;
import io.kvrotator.sandbox.StandIn.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM authorization endpoints kv-rotator reads, served by the {@link ArmStandIn} and spoken to by the real
 * {@code azure-resourcemanager-authorization} client: role assignments for a scope (at, above and below it;
 * {@code atScope()} for at and above), role definitions by ID, PIM's role assignment and role eligibility schedule
 * instances for a scope, the caller's permissions on a resource, and the vault resource GET ({@link ArmVaults}).
 * Seeded by tests; answers in the shapes of the official examples ({@code src/test/resources/contracts/authorization}).
 */
public final class AuthorizationStandIn implements ArmStandIn.Route {

    private static final Pattern LIST = Pattern.compile("(.*)/providers/Microsoft\\.Authorization/(roleAssignments"
            + "|roleAssignmentScheduleInstances|roleEligibilityScheduleInstances|permissions)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEFINITION = Pattern.compile(
            ".*/providers/Microsoft\\.Authorization/roleDefinitions/([0-9a-fA-F-]{36})", Pattern.CASE_INSENSITIVE);

    private final Clock clock;
    private final ArmVaults vaults;
    private final Map<String, ObjectNode> definitions = new ConcurrentHashMap<>();
    private final List<ObjectNode> assignments = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> active = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> eligible = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> permissions = new ConcurrentHashMap<>();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
    private volatile List<String> defaultPermissions = List.of();

    public AuthorizationStandIn(Clock clock) {
        this.clock = clock;
        this.vaults = new ArmVaults();
        for (AzureRoles role : AzureRoles.values()) {
            definitions.put(role.guid(), definition(role.guid(), role.roleName(), "BuiltInRole", role.actions(),
                    role.notActions(), role.dataActions()));
        }
    }

    /** The vaults' ARM resources: their authorization mode, tags and access policies. */
    public ArmVaults vaults() {
        return vaults;
    }

    public static String roleDefinitionId(String guid) {
        return "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
    }

    /** A custom role; returns its GUID. */
    public String customRole(String roleName, List<String> actions, List<String> dataActions) {
        String guid = UUID.randomUUID().toString();
        definitions.put(guid, definition(guid, roleName, "CustomRole", actions, List.of(), dataActions));
        return guid;
    }

    /** A role assignment made outside PIM, or assigned as active by it: standing access. Returns its ID. */
    public String standing(String principalId, String principalType, String roleGuid, String scope) {
        String id = assign(principalId, principalType, roleGuid, scope);
        active.add(activeInstance(id, principalId, principalType, roleGuid, scope, false, null));
        return id;
    }

    /** A role its holder activated from an eligibility, until {@code until}. */
    public String activated(String principalId, String principalType, String roleGuid, String scope, Instant until) {
        String id = assign(principalId, principalType, roleGuid, scope);
        active.add(activeInstance(id, principalId, principalType, roleGuid, scope, true, until));
        return id;
    }

    /** An eligibility: no role assignment until its holder activates it. */
    public void eligible(String principalId, String principalType, String roleGuid, String scope) {
        String name = UUID.randomUUID().toString();
        ObjectNode properties = StandIn.JSON.createObjectNode().put("scope", scope)
                .put("roleDefinitionId", roleDefinitionId(roleGuid)).put("principalId", principalId)
                .put("principalType", principalType).put("status", "Provisioned")
                .put("roleEligibilityScheduleId", scope + "/providers/Microsoft.Authorization/RoleEligibilitySchedules/"
                        + UUID.randomUUID()).put("startDateTime", clock.instant().toString()).putNull("endDateTime")
                .put("memberType", "Direct").put("createdOn", clock.instant().toString()).putNull("condition")
                .putNull("conditionVersion");
        expanded(properties, scope, roleGuid, principalId, principalType);
        eligible.add(resource(properties, scope + "/providers/Microsoft.Authorization/RoleEligibilityScheduleInstances/"
                + name, "Microsoft.Authorization/RoleEligibilityScheduleInstances", name));
    }

    /** The function's own actions on a resource, as Permissions - List For Resource will answer them. */
    public void permissions(String resourceId, List<String> actions) {
        permissions.put(key(resourceId), List.copyOf(actions));
    }

    /** The actions answered for any resource not given its own: what infra grants on every rotated resource. */
    public void defaultPermissions(List<String> actions) {
        defaultPermissions = List.copyOf(actions);
    }

    /**
     * Answers 403 AuthorizationFailed to every read of {@code what}: {@code roleAssignments}, {@code roleDefinitions},
     * {@code roleAssignmentScheduleInstances}, {@code roleEligibilityScheduleInstances}, {@code permissions} (or
     * {@code permissions:RESOURCE_ID} for one resource), {@code vaults}.
     */
    public void forbid(String what) {
        forbidden.add(what.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Response> answer(Request request) {
        if (!request.method().equals("GET")) {
            return Optional.empty();
        }
        // The SDK sends some IDs after a slash of its own ("//subscriptions/..."), which the JDK's server reads as an
        // authority: put the lost segment back.
        String authority = request.uri().getRawAuthority();
        String path = ((authority == null ? "" : "/" + authority) + request.path()).replaceAll("/{2,}", "/")
                .replaceAll("/$", "");
        Matcher definition = DEFINITION.matcher(path);
        if (definition.matches()) {
            return Optional.of(forbiddenAnswer("roleDefinitions", path).orElseGet(() -> Optional.ofNullable(
                    definitions.get(definition.group(1).toLowerCase(Locale.ROOT))).map(body -> Response.json(200, body))
                    .orElseGet(() -> Response.json(404, StandIn.error("RoleDefinitionDoesNotExist",
                            "The specified role definition with ID '" + definition.group(1) + "' does not exist.")))));
        }
        Matcher list = LIST.matcher(path);
        if (list.matches()) {
            String scope = list.group(1).isEmpty() ? "/" : list.group(1);
            String what = list.group(2).toLowerCase(Locale.ROOT);
            if (what.equals("permissions")) {
                return Optional.of(forbiddenAnswer("permissions", scope).or(() -> forbiddenAnswer("permissions:"
                        + key(scope), scope)).orElseGet(() -> permissionsOf(scope)));
            }
            boolean atScope = String.valueOf(request.query().get("$filter")).equals("atScope()");
            List<ObjectNode> items = what.equals("roleassignments") ? assignments
                    : what.equals("roleassignmentscheduleinstances") ? active : eligible;
            return Optional.of(forbiddenAnswer(what, scope).orElseGet(() -> Response.json(200, page(items.stream()
                    .filter(item -> reaches(item.path("properties").path("scope").asText(), scope, atScope)).toList()))));
        }
        return vaults.answer(path).map(answer -> forbiddenAnswer("vaults", path).orElse(answer));
    }

    private Optional<Response> forbiddenAnswer(String what, String scope) {
        if (!forbidden.contains(what.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(Response.json(403, StandIn.error("AuthorizationFailed", "The client '"
                + Sandbox.IDENTITY_OBJECT_ID + "' with object id '" + Sandbox.IDENTITY_OBJECT_ID + "' does not have"
                + " authorization to perform action 'Microsoft.Authorization/" + what + "/read' over scope '" + scope
                + "' or the scope is invalid. If access was recently granted, please refresh your credentials.")));
    }

    private Response permissionsOf(String resourceId) {
        ArrayNode value = StandIn.JSON.createArrayNode();
        ObjectNode permission = value.addObject();
        ArrayNode actions = permission.putArray("actions");
        permissions.getOrDefault(key(resourceId), defaultPermissions).forEach(actions::add);
        permission.putArray("notActions");
        permission.putArray("dataActions");
        permission.putArray("notDataActions");
        ObjectNode body = StandIn.JSON.createObjectNode();
        body.set("value", value);
        return Response.json(200, body);
    }

    /** Whether an assignment at {@code assigned} shows in a listing for {@code scope}: at, above, or below it. */
    private static boolean reaches(String assigned, String scope, boolean atScopeOnly) {
        String a = key(assigned);
        String s = key(scope);
        boolean atOrAbove = a.isEmpty() || a.startsWith("/providers/microsoft.management/") || s.equals(a)
                || s.startsWith(a + "/");
        return atOrAbove || !atScopeOnly && a.startsWith(s + "/");
    }

    private String assign(String principalId, String principalType, String roleGuid, String scope) {
        String name = UUID.randomUUID().toString();
        String id = (scope.equals("/") ? "" : scope) + "/providers/Microsoft.Authorization/roleAssignments/" + name;
        ObjectNode properties = StandIn.JSON.createObjectNode().put("roleDefinitionId", roleDefinitionId(roleGuid))
                .put("principalId", principalId).put("principalType", principalType).put("scope", scope);
        assignments.add(resource(properties, id, "Microsoft.Authorization/roleAssignments", name));
        return id;
    }

    private ObjectNode activeInstance(String assignmentId, String principalId, String principalType, String roleGuid,
                                      String scope, boolean activated, Instant until) {
        String name = assignmentId.substring(assignmentId.lastIndexOf('/') + 1);
        String eligibility = activated ? UUID.randomUUID().toString() : null;
        ObjectNode properties = StandIn.JSON.createObjectNode().put("originRoleAssignmentId", assignmentId)
                .put("linkedRoleEligibilityScheduleId", eligibility)
                .put("linkedRoleEligibilityScheduleInstanceId", eligibility)
                .put("assignmentType", activated ? "Activated" : "Assigned").put("scope", scope)
                .put("roleDefinitionId", roleDefinitionId(roleGuid)).put("principalId", principalId)
                .put("principalType", principalType).put("status", "Provisioned")
                .put("roleAssignmentScheduleId", scope + "/providers/Microsoft.Authorization/RoleAssignmentSchedules/"
                        + UUID.randomUUID()).put("startDateTime", clock.instant().toString())
                .put("endDateTime", until == null ? null : until.toString()).put("memberType", "Direct")
                .put("createdOn", clock.instant().toString()).putNull("condition").putNull("conditionVersion");
        expanded(properties, scope, roleGuid, principalId, principalType);
        return resource(properties, scope + "/providers/Microsoft.Authorization/RoleAssignmentScheduleInstances/" + name,
                "Microsoft.Authorization/RoleAssignmentScheduleInstances", name);
    }

    private void expanded(ObjectNode properties, String scope, String roleGuid, String principalId, String type) {
        ObjectNode expanded = properties.putObject("expandedProperties");
        expanded.putObject("scope").put("id", scope).put("displayName", scope.substring(scope.lastIndexOf('/') + 1))
                .put("type", scope.contains("/resourceGroups/") ? "resourcegroup" : "subscription");
        ObjectNode definition = definitions.get(roleGuid);
        expanded.putObject("roleDefinition").put("id", roleDefinitionId(roleGuid))
                .put("displayName", definition == null ? roleGuid : definition.path("properties").path("roleName")
                        .asText()).put("type", definition == null ? "CustomRole" : definition.path("properties")
                        .path("type").asText());
        expanded.putObject("principal").put("id", principalId).put("displayName", principalId).putNull("email")
                .put("type", type);
    }

    private static ObjectNode definition(String guid, String roleName, String type, List<String> actions,
                                         List<String> notActions, List<String> dataActions) {
        ObjectNode properties = StandIn.JSON.createObjectNode().put("roleName", roleName).put("type", type)
                .put("description", roleName);
        properties.putArray("assignableScopes").add("/");
        ObjectNode permission = properties.putArray("permissions").addObject();
        actions.forEach(permission.putArray("actions")::add);
        notActions.forEach(permission.putArray("notActions")::add);
        dataActions.forEach(permission.putArray("dataActions")::add);
        permission.putArray("notDataActions");
        return resource(properties, roleDefinitionId(guid), "Microsoft.Authorization/roleDefinitions", guid);
    }

    private static ObjectNode resource(ObjectNode properties, String id, String type, String name) {
        ObjectNode body = StandIn.JSON.createObjectNode();
        body.set("properties", properties);
        return body.put("id", id).put("type", type).put("name", name);
    }

    private static ObjectNode page(List<ObjectNode> items) {
        ObjectNode body = StandIn.JSON.createObjectNode();
        items.forEach(body.putArray("value")::add);
        return body;
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("/{2,}", "/").replaceAll("/$", "");
    }
}
