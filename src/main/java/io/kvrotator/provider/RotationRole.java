package io.kvrotator.provider;

import java.util.List;

/**
 * The Azure role the function needs on each resource whose credentials it rotates: the one table that the infra
 * checks and the deployment guide are checked against. A built-in role where Azure has one as narrow as a key
 * operator; otherwise a custom role kv-rotator defines ({@code infra/modules/rotatorRoles.bicep}) with exactly
 * {@code actions}.
 *
 * @param resourceType     the resource type the role is assigned on, e.g. {@code Microsoft.Storage/storageAccounts}
 * @param roleName         the built-in role's name, or the custom role's name (starting with {@code kv-rotator })
 * @param roleDefinitionId the built-in role's GUID, from Microsoft's built-in roles reference; null for a custom role
 * @param actions          a custom role's control-plane actions (list and regenerate keys); empty for a built-in
 * @param purpose          what the role lets the provider do, for the deployment guide
 */
public record RotationRole(String resourceType, String roleName, String roleDefinitionId, List<String> actions,
                           String purpose) {

    public RotationRole {
        actions = List.copyOf(actions);
    }

    public static RotationRole builtIn(String resourceType, String roleName, String roleDefinitionId, String purpose) {
        return new RotationRole(resourceType, roleName, roleDefinitionId, List.of(), purpose);
    }

    public static RotationRole custom(String resourceType, String roleName, List<String> actions, String purpose) {
        return new RotationRole(resourceType, roleName, null, actions, purpose);
    }

    public boolean isCustom() {
        return roleDefinitionId == null;
    }
}
