package io.kvrotator.provider;

/**
 * The Azure built-in role the function needs on each resource whose credentials it rotates: the one table that the
 * infra checks and the deployment guide are checked against.
 *
 * @param resourceType     the resource type the role is assigned on, e.g. {@code Microsoft.Storage/storageAccounts}
 * @param roleDefinitionId the built-in role's GUID, from Microsoft's built-in roles reference
 * @param purpose          what the role lets the provider do, for the deployment guide
 */
public record RotationRole(String resourceType, String roleName, String roleDefinitionId, String purpose) {
}
