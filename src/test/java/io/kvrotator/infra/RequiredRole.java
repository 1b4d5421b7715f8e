package io.kvrotator.infra;

import io.kvrotator.app.ProviderFactories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A role the deployment must assign, and where: kv-rotator's custom vault roles ({@link CustomRole}, no id: defined
 * by the templates), the built-in roles for its own storage ({@link BuiltInRole}) and, from each provider's factory,
 * the role on every resource it rotates, assigned once per listed resource.
 *
 * @param id          the built-in role's GUID; null for a custom role
 * @param actions     a custom role's control-plane actions; empty for a built-in role (and for the vault roles but
 *                    the access reviewer)
 * @param dataActions a custom role's data actions; empty for a built-in role
 */
public record RequiredRole(String roleName, String id, String scopeType, boolean perRotatedResource,
                           Set<String> actions, Set<String> dataActions) {

    static final String VAULT = "Microsoft.KeyVault/vaults";

    public static List<RequiredRole> all() {
        List<RequiredRole> roles = new ArrayList<>();
        Arrays.stream(CustomRole.values()).forEach(role -> roles.add(
                new RequiredRole(role.roleName(), null, VAULT, false, role.actions(), role.dataActions())));
        Arrays.stream(BuiltInRole.values()).forEach(role -> roles.add(
                new RequiredRole(role.roleName(), role.id(), role.scopeType(), false, Set.of(), Set.of())));
        ProviderFactories.ALL.forEach(factory -> factory.rotationRoles().forEach(role -> roles.add(
                new RequiredRole(role.roleName(), role.roleDefinitionId(), role.resourceType(), true,
                        Set.copyOf(role.actions()), Set.of()))));
        return roles;
    }

    public static Optional<RequiredRole> byId(String id) {
        return all().stream().filter(role -> role.id != null && role.id.equalsIgnoreCase(id)).findFirst();
    }

    /** The custom role whose name a role definition's {@code roleName} starts with. */
    public static Optional<RequiredRole> custom(String roleName) {
        return all().stream().filter(role -> role.id == null && roleName.startsWith(role.roleName)).findFirst();
    }

    public boolean isCustom() {
        return id == null;
    }

    @Override
    public String toString() {
        return roleName;
    }
}
