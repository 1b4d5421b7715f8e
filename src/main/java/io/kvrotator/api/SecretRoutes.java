package io.kvrotator.api;

import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.VaultAllowList;

/** The secret a route {@code secrets/{vault}/{name}/...} names, checked before any remote call. */
final class SecretRoutes {

    private SecretRoutes() {
    }

    /** The secret; a {@link BadRequest} for an invalid name (400) or a vault kv-rotator does not manage (403). */
    static SecretRef secret(ApiRequest request, VaultAllowList allowedVaults) {
        String vault = request.routeParams().get("vault");
        String name = request.routeParams().get("name");
        KeyVaultNames.vaultNameProblem(vault).ifPresent(problem -> {
            throw new BadRequest(400, "Invalid vault name", problem);
        });
        KeyVaultNames.secretNameProblem(name).ifPresent(problem -> {
            throw new BadRequest(400, "Invalid secret name", problem);
        });
        allowedVaults.problem(vault).ifPresent(problem -> {
            throw new BadRequest(403, "Vault not managed", problem);
        });
        return new SecretRef(vault, name);
    }
}
