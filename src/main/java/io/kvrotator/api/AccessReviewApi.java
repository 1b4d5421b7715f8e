package io.kvrotator.api;

import io.kvrotator.accessreview.AccessReview;
import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.VaultAllowList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/access-review[?vault=NAME]}: who can read each managed vault's secret values and what breaks the
 * policy (README, Access review). Reads only; the vault is checked against the allow-list before any remote call.
 */
public final class AccessReviewApi {

    private final AccessReview review;
    private final VaultAllowList allowedVaults;
    private final CallerPolicy callerPolicy;

    public AccessReviewApi(AccessReview review, VaultAllowList allowedVaults, CallerPolicy callerPolicy) {
        this.review = review;
        this.allowedVaults = allowedVaults;
        this.callerPolicy = callerPolicy;
    }

    public ApiResponse review(ApiRequest request) {
        try {
            callerPolicy.caller(request);
            if (request.body() != null && !request.body().isBlank()) {
                throw new BadRequest(400, "Unexpected body", "GET /api/access-review takes no body; name a vault"
                        + " with ?vault=");
            }
            String vault = request.query().get("vault");
            if (vault == null) {
                return ApiResponse.json(200, AccessReviewJson.of(review.reviewAll()));
            }
            KeyVaultNames.vaultNameProblem(vault).ifPresent(problem -> {
                throw new BadRequest(400, "Invalid vault name", problem);
            });
            allowedVaults.problem(vault).ifPresent(problem -> {
                throw new BadRequest(403, "Vault not managed", problem + ": kv-rotator reviews only the vaults it"
                        + " manages");
            });
            return ApiResponse.json(200, AccessReviewJson.of(review.review(List.of(vault.toLowerCase(Locale.ROOT)))));
        } catch (BadRequest e) {
            return ApiResponse.problem(e.status, e.title, e.getMessage());
        }
    }
}
