package io.kvrotator.accessreview;

import io.kvrotator.provider.RotationRole;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the function's own permissions on a secret's resource (Permissions - List For Resource: actions and
 * notActions, wildcards included) with the actions its provider's {@link RotationRole}s perform, before a rotation
 * would fail for the lack of one. Reads only.
 */
public final class PermissionPreflight {

    private static final System.Logger LOG = System.getLogger(PermissionPreflight.class.getName());

    private final RbacSource rbac;
    private final Map<String, List<RotationRole>> rolesByType;

    /** @param rolesByType each credential type's rotation roles, by {@code CredentialType} */
    public PermissionPreflight(RbacSource rbac, Map<String, List<RotationRole>> rolesByType) {
        this.rbac = rbac;
        this.rolesByType = rolesByType.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), entry -> List.copyOf(entry.getValue())));
    }

    /** What a rotation of a secret tagged {@code credentialType} and {@code providerAddress} would lack. */
    public Preflight check(String credentialType, String providerAddress) {
        if (credentialType == null) {
            return new Preflight.NotApplicable("no CredentialType: nothing is rotated, so no permission is needed");
        }
        List<RotationRole> roles = rolesByType.getOrDefault(credentialType.toLowerCase(Locale.ROOT), List.of())
                .stream().filter(role -> !role.neededActions().isEmpty()).toList();
        if (roles.isEmpty()) {
            return new Preflight.NotApplicable(credentialType + " needs no Azure role on a resource (see README,"
                    + " Deploy): nothing to check here");
        }
        String resourceType = roles.get(0).resourceType();
        Optional<ResourceRef> resource = ResourceRef.of(providerAddress, resourceType);
        if (resource.isEmpty()) {
            return new Preflight.CouldNotCheck(String.valueOf(providerAddress), "ProviderAddress is not the resource"
                    + " ID of a " + resourceType + " (or of something in one)");
        }
        Set<String> needed = roles.stream().flatMap(role -> role.neededActions().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Grant> granted;
        try {
            granted = rbac.ownPermissions(resource.get());
        } catch (RuntimeException e) {
            String why = SafeErrorText.of(e);
            LOG.log(Level.WARNING, () -> "preflight.not_checked resource=%s error=%s".formatted(resource.get().id(),
                    why));
            return new Preflight.CouldNotCheck(resource.get().name(), why);
        }
        List<String> missing = needed.stream().filter(action -> !Grant.anyAllowsAction(granted, action)).toList();
        return missing.isEmpty() ? new Preflight.Granted(resource.get().name(), resource.get().id(), List.copyOf(needed))
                : new Preflight.Missing(resource.get().name(), resource.get().id(), missing);
    }
}
