package io.kvrotator.accessreview;

import java.util.List;

/**
 * What Azure Resource Manager says about access, read with the function's identity ({@link ArmRbac}). Each method
 * throws the SDK's exception when ARM refuses or fails: callers say "could not check", never "fine".
 */
public interface RbacSource {

    /** The vault's authorization mode, owners and access policies ({@code GET} of the vault resource). */
    VaultFacts vault(String vaultId);

    /** Role assignments at the vault, on its secrets, and inherited from above it (root, management groups, ...). */
    List<RoleAssignment> roleAssignments(String vaultId);

    RoleDefinition roleDefinition(String roleDefinitionId);

    /** PIM's role assignment schedule instances (active roles) at, above and below {@code scope}. */
    List<PimSchedules.Active> activeSchedules(String scope);

    /** PIM's role eligibility schedule instances at, above and below {@code scope}. */
    List<PimSchedules.Eligible> eligibleSchedules(String scope);

    /** The function's own permissions on a resource (Permissions - List For Resource). */
    List<Grant> ownPermissions(ResourceRef resource);
}
