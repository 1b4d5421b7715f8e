package io.kvrotator.accessreview;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Privileged Identity Management says about a vault's scope: the active role assignment schedule instances
 * (each one either activated from an eligibility, or assigned as active) and the eligibility schedule instances
 * (roles a person may activate, which no role assignment shows until they do).
 */
public record PimSchedules(List<Active> active, List<Eligible> eligible) {

    public PimSchedules {
        active = List.copyOf(active);
        eligible = List.copyOf(eligible);
    }

    /**
     * @param activated  activated from an eligibility (just-in-time), rather than assigned as active
     * @param endDateTime when it ends; null: never
     */
    public record Active(String originRoleAssignmentId, String principalId, String roleDefinitionId, String scope,
                         boolean activated, Instant endDateTime) {
    }

    public record Eligible(String principalId, PrincipalKind kind, String roleDefinitionId, String scope,
                           Instant endDateTime) {
    }

    /** The instance behind {@code assignment}: by the role assignment's ID, else by principal, role and scope. */
    public Optional<Active> behind(RoleAssignment assignment) {
        return active.stream().filter(instance -> same(instance.originRoleAssignmentId(), assignment.id()))
                .findFirst().or(() -> active.stream().filter(instance -> same(instance.principalId(),
                        assignment.principalId()) && sameRole(instance.roleDefinitionId(), assignment.roleDefinitionId())
                        && same(trimmed(instance.scope()), trimmed(assignment.scope()))).findFirst());
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /** Role definition IDs name the same role whatever scope ARM prefixes them with: compare their GUIDs. */
    static boolean sameRole(String a, String b) {
        return a != null && b != null && guid(a).equals(guid(b));
    }

    static String guid(String roleDefinitionId) {
        return roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static String trimmed(String scope) {
        return scope == null ? null : scope.replaceAll("/+$", "");
    }
}
