package io.kvrotator.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * The Azure role the function needs on each resource whose credentials it rotates: the one table that the infra
 * checks, the deployment guide and the permission preflight are checked against. A built-in role where Azure has one
 * as narrow as a key operator; otherwise a custom role kv-rotator defines ({@code infra/modules/rotatorRoles.bicep})
 * with exactly {@code actions}.
 *
 * @param resourceType     the resource type the role is assigned on, e.g. {@code Microsoft.Storage/storageAccounts}
 * @param roleName         the built-in role's name, or the custom role's name (starting with {@code kv-rotator })
 * @param roleDefinitionId the built-in role's GUID, from Microsoft's built-in roles reference; null for a custom role
 * @param actions          a custom role's control-plane actions, {@link #PREFLIGHT_ACTION} included; empty for a
 *                         built-in role
 * @param neededActions    the control-plane actions a rotation performs with this role, which the permission
 *                         preflight looks for on the resource (a built-in role's too)
 * @param purpose          what the role lets the provider do, for the deployment guide
 */
public record RotationRole(String resourceType, String roleName, String roleDefinitionId, List<String> actions,
                           List<String> neededActions, String purpose) {

    /**
     * Lets the function list its own permissions on the resource (Permissions - List For Resource needs it), so that
     * status and dry runs can say what a rotation would lack before it fails. Every custom rotation role carries it.
     */
    public static final String PREFLIGHT_ACTION = "Microsoft.Authorization/permissions/read";

    public RotationRole {
        actions = List.copyOf(actions);
        neededActions = List.copyOf(neededActions);
    }

    /** A built-in role that performs {@code neededActions} (from Microsoft's built-in roles reference). */
    public static RotationRole builtIn(String resourceType, String roleName, String roleDefinitionId,
                                       List<String> neededActions, String purpose) {
        return new RotationRole(resourceType, roleName, roleDefinitionId, List.of(), neededActions, purpose);
    }

    /** A custom role granting {@code actions}, which the rotation needs, and {@link #PREFLIGHT_ACTION}. */
    public static RotationRole custom(String resourceType, String roleName, List<String> actions, String purpose) {
        List<String> granted = new ArrayList<>(actions);
        granted.add(PREFLIGHT_ACTION);
        return new RotationRole(resourceType, roleName, null, granted, actions, purpose);
    }

    public boolean isCustom() {
        return roleDefinitionId == null;
    }
}
