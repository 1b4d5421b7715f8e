package io.kvrotator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.failure.RotationException;
import io.kvrotator.governance.ApprovalRequest;
import io.kvrotator.governance.TwoPersonApprovals;
import io.kvrotator.rotation.RevocationOutcome;
import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.VaultAllowList;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Revocation and retirement over HTTP, under the two-person rule (README, Revocation): an authenticated caller asks
 * ({@code 202} with the request's id), a second authenticated person with the approver role approves, and only then
 * does the change run. Everything is checked before any remote call; a refusal changes nothing.
 */
public final class ApprovalApi {

    private static final Pattern REQUEST_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final TwoPersonApprovals approvals;
    private final VaultAllowList allowedVaults;
    private final CallerPolicy callerPolicy;
    private final IdempotentRequests idempotent;

    public ApprovalApi(TwoPersonApprovals approvals, VaultAllowList allowedVaults, CallerPolicy callerPolicy,
                       IdempotencyRecords idempotencyRecords, Clock clock) {
        this.approvals = approvals;
        this.allowedVaults = allowedVaults;
        this.callerPolicy = callerPolicy;
        this.idempotent = new IdempotentRequests(idempotencyRecords, clock);
    }

    /**
     * {@code POST /api/secrets/{vault}/{name}/revoke}, body {@code {"reason", "version"?}}: asks a second person to
     * approve. With {@code ROTATOR_EMERGENCY_REVOCATION} on, {@code {"reason", "approvedBy", "version"?,
     * "emergency": true}} revokes at once.
     */
    public ApiResponse revoke(ApiRequest request) {
        return handle(() -> {
            Caller caller = callerPolicy.caller(request);
            SecretRef secret = SecretRoutes.secret(request, allowedVaults);
            JsonNode body = RequestBodies.parse(request, Set.of("reason", "version", "approvedBy", "emergency"));
            String reason = RequestBodies.requiredText(body, "reason");
            String version = version(body);
            if (RequestBodies.optionalBoolean(body, "emergency")) {
                String named = EmergencyApprovers.named(RequestBodies.requiredText(body, "approvedBy"), caller);
                return idempotent.handle("revoke", caller, secret, request, () -> emergency(approvals
                        .revokeInEmergency(secret, version, reason, named, caller.name()), secret));
            }
            if (RequestBodies.optionalText(body, "approvedBy") != null) {
                throw new BadRequest(400, "Invalid approvedBy", "approvedBy is for emergency revocations only: a"
                        + " second person approves with POST /api/revocations/{id}/approve after this request");
            }
            Caller requester = authenticated(caller, "asking for a revocation");
            return idempotent.handle("revoke", caller, secret, request, () ->
                    requested(secret, approvals.requestRevocation(secret, version, reason, requester)));
        });
    }

    /** {@code POST /api/secrets/{vault}/{name}/retire}, body {@code {"reason"}}: asks a second person to approve. */
    public ApiResponse retire(ApiRequest request) {
        return handle(() -> {
            Caller caller = callerPolicy.caller(request);
            SecretRef secret = SecretRoutes.secret(request, allowedVaults);
            String reason = RequestBodies.requiredText(RequestBodies.parse(request, Set.of("reason")), "reason");
            Caller requester = authenticated(caller, "asking for a retirement");
            return idempotent.handle("retire", caller, secret, request, () ->
                    requested(secret, approvals.requestRetirement(secret, reason, requester)));
        });
    }

    /** {@code POST /api/revocations/{id}/approve}, no body: carries the request out. */
    public ApiResponse approve(ApiRequest request) {
        return handle(() -> {
            Caller caller = callerPolicy.caller(request);
            String id = requestId(request, "approve");
            return ApprovalJson.outcome(approvals.approve(id, authenticated(caller, "approving")));
        });
    }

    /** {@code DELETE /api/revocations/{id}}, no body: withdraws the request. */
    public ApiResponse withdraw(ApiRequest request) {
        return handle(() -> {
            Caller caller = callerPolicy.caller(request);
            String id = requestId(request, "withdraw");
            return ApprovalJson.outcome(approvals.withdraw(id, authenticated(caller, "withdrawing")));
        });
    }

    /** {@code GET /api/revocations}: the revocations and retirements waiting for approval, oldest first. */
    public ApiResponse list(ApiRequest request) {
        return handle(() -> {
            callerPolicy.caller(request);
            return ApprovalJson.list(approvals.open());
        });
    }

    private static ApiResponse requested(SecretRef secret, Optional<ApprovalRequest> request) {
        return request.map(ApprovalJson::requested).orElseGet(() -> Outcomes.notFound(secret));
    }

    private static ApiResponse emergency(Optional<RevocationOutcome> outcome, SecretRef secret) {
        return outcome.map(revoked -> Outcomes.revocation(secret, revoked, ApiJson.object().put("emergency", true)))
                .orElseGet(() -> ApiResponse.problem(403, "Emergency revocation off", "a single-person revocation"
                        + " needs the setting ROTATOR_EMERGENCY_REVOCATION=true; ask for a revocation without"
                        + " \"emergency\" and have a second person approve it"));
    }

    /** The two-person rule must know who asks and who approves: a function key alone names nobody. */
    private static Caller authenticated(Caller caller, String what) {
        if (caller.equals(Caller.FUNCTION_KEY_HOLDER)) {
            throw new BadRequest(401, "Unauthenticated", what + " needs an App Service authentication principal ("
                    + CallerIdentity.PRINCIPAL_HEADER + "): the two-person rule must know who asks and who approves");
        }
        return caller;
    }

    private static String version(JsonNode body) {
        String version = RequestBodies.optionalText(body, "version");
        if (version != null) {
            KeyVaultNames.versionProblem(version).ifPresent(problem -> {
                throw new BadRequest(400, "Invalid version", problem);
            });
        }
        return version;
    }

    /** The route's request id; the action takes no body, so that it acts on the request exactly as it was made. */
    private static String requestId(ApiRequest request, String action) {
        String id = request.routeParams().get("id");
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            throw new BadRequest(400, "Invalid request id", "a request id is the UUID that asking for the revocation"
                    + " or retirement answered, in lower case");
        }
        if (request.body() != null && !request.body().isBlank()) {
            throw new BadRequest(400, "Unexpected body", action + " takes no body: it acts on the request exactly as"
                    + " it was made");
        }
        return id;
    }

    private static ApiResponse handle(Supplier<ApiResponse> action) {
        try {
            return action.get();
        } catch (BadRequest e) {
            return ApiResponse.problem(e.status, e.title, e.getMessage());
        } catch (RotationException e) {
            return Outcomes.failure(e.failure());
        }
    }
}
