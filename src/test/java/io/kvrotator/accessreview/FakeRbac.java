package io.kvrotator.accessreview;

import io.kvrotator.sandbox.AzureRoles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An in-memory {@link RbacSource}: role assignments, PIM schedules, definitions (the built-in ones known), refusals. */
final class FakeRbac implements RbacSource {

    static final String SUBSCRIPTION = "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de";

    final Map<String, VaultFacts> vaults = new HashMap<>();
    final List<RoleAssignment> assignments = new ArrayList<>();
    final List<PimSchedules.Active> active = new ArrayList<>();
    final List<PimSchedules.Eligible> eligible = new ArrayList<>();
    final Map<String, RoleDefinition> definitions = new HashMap<>();
    final Map<String, List<Grant>> permissions = new HashMap<>();
    /** What answers as ARM would when refused: roleAssignments, activeSchedules, eligibleSchedules, vault, ... */
    final Set<String> refused = new HashSet<>();

    FakeRbac() {
        for (AzureRoles role : AzureRoles.values()) {
            definitions.put(role.guid(), new RoleDefinition(id(role.guid()), role.roleName(), List.of(new Grant(
                    role.actions(), role.notActions(), role.dataActions(), List.of()))));
        }
    }

    static String id(String guid) {
        return SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
    }

    String customRole(String name, Grant grant) {
        String guid = UUID.randomUUID().toString();
        definitions.put(guid, new RoleDefinition(id(guid), name, List.of(grant)));
        return guid;
    }

    void standing(String principalId, PrincipalKind kind, String roleGuid, String scope) {
        RoleAssignment assignment = assign(principalId, kind, roleGuid, scope);
        active.add(new PimSchedules.Active(assignment.id(), principalId, id(roleGuid), scope, false, null));
    }

    void activated(String principalId, PrincipalKind kind, String roleGuid, String scope, Instant until) {
        RoleAssignment assignment = assign(principalId, kind, roleGuid, scope);
        active.add(new PimSchedules.Active(assignment.id(), principalId, id(roleGuid), scope, true, until));
    }

    void eligible(String principalId, PrincipalKind kind, String roleGuid, String scope) {
        eligible.add(new PimSchedules.Eligible(principalId, kind, id(roleGuid), scope, null));
    }

    private RoleAssignment assign(String principalId, PrincipalKind kind, String roleGuid, String scope) {
        RoleAssignment assignment = new RoleAssignment(scope + "/providers/Microsoft.Authorization/roleAssignments/"
                + UUID.randomUUID(), principalId, kind, id(roleGuid), scope);
        assignments.add(assignment);
        return assignment;
    }

    @Override
    public VaultFacts vault(String vaultId) {
        refuse("vault");
        return vaults.get(vaultId.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<RoleAssignment> roleAssignments(String vaultId) {
        refuse("roleAssignments");
        return List.copyOf(assignments);
    }

    @Override
    public RoleDefinition roleDefinition(String roleDefinitionId) {
        refuse("roleDefinition");
        RoleDefinition definition = definitions.get(PimSchedules.guid(roleDefinitionId));
        if (definition == null) {
            throw new IllegalStateException("404 RoleDefinitionDoesNotExist");
        }
        return definition;
    }

    @Override
    public List<PimSchedules.Active> activeSchedules(String scope) {
        refuse("activeSchedules");
        return List.copyOf(active);
    }

    @Override
    public List<PimSchedules.Eligible> eligibleSchedules(String scope) {
        refuse("eligibleSchedules");
        return List.copyOf(eligible);
    }

    @Override
    public List<Grant> ownPermissions(ResourceRef resource) {
        refuse("permissions");
        return permissions.getOrDefault(resource.id().toLowerCase(Locale.ROOT), List.of());
    }

    private void refuse(String what) {
        if (refused.contains(what)) {
            throw new IllegalStateException("status=403 code=AuthorizationFailed: no " + what + "/read");
        }
    }
}
