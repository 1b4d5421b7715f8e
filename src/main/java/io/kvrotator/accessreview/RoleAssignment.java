package io.kvrotator.accessreview;

/** A role assignment ARM lists for a vault: made on it, on one of its secrets, or above it. */
public record RoleAssignment(String id, String principalId, PrincipalKind kind, String roleDefinitionId,
                             String scope) {
}
