package io.kvrotator.accessreview;

import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.fluent.AuthorizationManagementClient;
import com.azure.resourcemanager.authorization.fluent.models.PermissionInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentScheduleInstanceInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleDefinitionInner;
import com.azure.resourcemanager.authorization.fluent.models.RoleEligibilityScheduleInstanceInner;
import com.azure.resourcemanager.authorization.models.AssignmentType;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.GenericResource;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.vault.Tags;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link RbacSource} over {@code azure-resourcemanager-authorization} (role assignments, role definitions, PIM's
 * schedule instances, the caller's permissions) and a generic resource GET of the vault. Scopes go to the SDK without
 * their leading slash, as the REST examples write them, so that the URLs carry no double slash.
 */
public final class ArmRbac implements RbacSource {

    /** The Key Vault management API version whose vault GET carries {@code enableRbacAuthorization}. */
    static final String VAULT_API_VERSION = "2023-07-01";

    private final ArmManagers<AuthorizationManagementClient> authorization;
    private final ArmManagers<ResourceManager> resources;

    public ArmRbac(ArmAccess arm) {
        this.authorization = arm.managers((http, credential, profile, retry) -> AuthorizationManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile).roleServiceClient());
        this.resources = arm.managers((http, credential, profile, retry) -> ResourceManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile)
                .withSubscription(profile.getSubscriptionId()));
    }

    @Override
    public VaultFacts vault(String vaultId) {
        GenericResource vault = resources.of(subscriptionOf(vaultId)).genericResources().getById(vaultId,
                VAULT_API_VERSION);
        Map<?, ?> properties = vault.properties() instanceof Map<?, ?> map ? map : Map.of();
        // Absent means false in this API version: the vault predates RBAC mode or never turned it on.
        boolean rbac = Boolean.TRUE.equals(properties.get("enableRbacAuthorization"));
        int reading = 0;
        if (properties.get("accessPolicies") instanceof List<?> policies) {
            for (Object policy : policies) {
                if (policy instanceof Map<?, ?> entry && entry.get("permissions") instanceof Map<?, ?> permissions
                        && permissions.get("secrets") instanceof List<?> secrets && secrets.stream()
                        .map(String::valueOf).anyMatch(p -> p.equalsIgnoreCase("get") || p.equalsIgnoreCase("all"))) {
                    reading++;
                }
            }
        }
        return new VaultFacts(vault.id(), rbac, Tags.owners(vault.tags() == null ? Map.of() : vault.tags()), reading);
    }

    @Override
    public List<RoleAssignment> roleAssignments(String vaultId) {
        return client(vaultId).getRoleAssignments().listForScope(relative(vaultId)).stream()
                .map(inner -> new RoleAssignment(inner.id(), inner.principalId(), PrincipalKind.of(
                        Objects.toString(inner.principalType(), null)), inner.roleDefinitionId(), inner.scope()))
                .toList();
    }

    @Override
    public RoleDefinition roleDefinition(String roleDefinitionId) {
        RoleDefinitionInner inner = client(roleDefinitionId).getRoleDefinitions().getById(relative(roleDefinitionId));
        List<Grant> grants = inner.permissions() == null ? List.of() : inner.permissions().stream()
                .map(ArmRbac::grant).toList();
        return new RoleDefinition(inner.id(), inner.roleName(), grants);
    }

    @Override
    public List<PimSchedules.Active> activeSchedules(String scope) {
        return client(scope).getRoleAssignmentScheduleInstances().listForScope(relative(scope)).stream()
                .map(ArmRbac::active).toList();
    }

    @Override
    public List<PimSchedules.Eligible> eligibleSchedules(String scope) {
        return client(scope).getRoleEligibilityScheduleInstances().listForScope(relative(scope)).stream()
                .map(ArmRbac::eligible).toList();
    }

    @Override
    public List<Grant> ownPermissions(ResourceRef resource) {
        return client(resource.id()).getPermissions().listForResource(resource.resourceGroup(), resource.namespace(),
                resource.parentPath(), resource.type(), resource.name()).stream().map(ArmRbac::grant).toList();
    }

    private static PimSchedules.Active active(RoleAssignmentScheduleInstanceInner inner) {
        // Only an activation is just-in-time: an instance PIM "assigned" as active is standing access, time-bound
        // or not.
        return new PimSchedules.Active(inner.originRoleAssignmentId(), inner.principalId(), inner.roleDefinitionId(),
                inner.scope(), AssignmentType.ACTIVATED.equals(inner.assignmentType()), instant(inner.endDateTime()));
    }

    private static PimSchedules.Eligible eligible(RoleEligibilityScheduleInstanceInner inner) {
        return new PimSchedules.Eligible(inner.principalId(), PrincipalKind.of(Objects.toString(inner.principalType(),
                null)), inner.roleDefinitionId(), inner.scope(), instant(inner.endDateTime()));
    }

    private static Grant grant(PermissionInner permission) {
        return new Grant(permission.actions(), permission.notActions(), permission.dataActions(),
                permission.notDataActions());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** The management client for the subscription an ID names (role definitions at the root need none: any will do). */
    private AuthorizationManagementClient client(String id) {
        return authorization.of(subscriptionOf(id));
    }

    private static String subscriptionOf(String id) {
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("subscriptions")) {
                return parts[i + 1].toLowerCase(Locale.ROOT);
            }
        }
        return "00000000-0000-0000-0000-000000000000";
    }

    private static String relative(String id) {
        return id.replaceFirst("^/+", "");
    }
}
