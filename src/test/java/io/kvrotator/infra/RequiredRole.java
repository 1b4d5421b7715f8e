package io.kvrotator.infra;

import io.kvrotator.app.ProviderFactories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A role the deployment must assign, and where: kv-rotator's own ({@link BuiltInRole}) and, from each provider's
 * factory, the role on every resource it rotates, assigned once per listed resource.
 */
public record RequiredRole(String roleName, String id, String scopeType, boolean perRotatedResource) {

    public static List<RequiredRole> all() {
        List<RequiredRole> roles = new ArrayList<>();
        Arrays.stream(BuiltInRole.values()).forEach(role -> roles.add(
                new RequiredRole(role.roleName(), role.id(), role.scopeType(), false)));
        ProviderFactories.ALL.forEach(factory -> factory.rotationRoles().forEach(role -> roles.add(
                new RequiredRole(role.roleName(), role.roleDefinitionId(), role.resourceType(), true))));
        return roles;
    }

    public static Optional<RequiredRole> byId(String id) {
        return all().stream().filter(role -> role.id.equalsIgnoreCase(id)).findFirst();
    }

    @Override
    public String toString() {
        return roleName;
    }
}
