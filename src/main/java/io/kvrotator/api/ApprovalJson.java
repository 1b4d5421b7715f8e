package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.governance.ApprovalOutcome;
import io.kvrotator.governance.ApprovalRequest;
import io.kvrotator.governance.Decision;
import io.kvrotator.governance.Refusal;
import io.kvrotator.rotation.RetirementOutcome;
import java.util.List;

/** How approval requests and what became of them answer an HTTP request. Names and descriptions only. */
final class ApprovalJson {

    private ApprovalJson() {
    }

    /** {@code 202}: recorded, waiting for a second person; {@code Location} names it. */
    static ApiResponse requested(ApprovalRequest request) {
        return ApiResponse.json(202, request(request).put("outcome", "approval-requested"))
                .withHeader("Location", "/api/revocations/" + request.id());
    }

    static ApiResponse list(List<ApprovalRequest> requests) {
        ObjectNode json = ApiJson.object();
        ArrayNode items = json.putArray("requests");
        requests.forEach(request -> items.add(request(request)));
        return ApiResponse.json(200, json);
    }

    static ApiResponse outcome(ApprovalOutcome outcome) {
        if (outcome instanceof ApprovalOutcome.NotFound notFound) {
            return ApiResponse.problem(404, "No such request", "there is no revocation or retirement request "
                    + notFound.id() + " (requests are forgotten 30 days after they expire)");
        }
        if (outcome instanceof ApprovalOutcome.Refused refused) {
            return refusal(refused.refusal());
        }
        if (outcome instanceof ApprovalOutcome.Withdrawn withdrawn) {
            return ApiResponse.json(200, request(withdrawn.request()).put("outcome", "withdrawn"));
        }
        if (outcome instanceof ApprovalOutcome.Revoked revoked) {
            ApprovalRequest request = revoked.request();
            return Outcomes.revocation(request.secret(), revoked.outcome(), ApiJson.object()
                    .put("requestId", request.id()).put("requestedBy", request.requester().name())
                    .put("approvedBy", ((Decision.Approving) request.decision()).approvedBy()));
        }
        return retirement((ApprovalOutcome.Retired) outcome);
    }

    private static ApiResponse retirement(ApprovalOutcome.Retired retired) {
        ApprovalRequest request = retired.request();
        if (retired.outcome() instanceof RetirementOutcome.Failed failed) {
            return Outcomes.failure(failed.failure());
        }
        if (!(retired.outcome() instanceof RetirementOutcome.Retired done)) {
            return Outcomes.notFound(request.secret());
        }
        ObjectNode json = ApiJson.object().put("outcome", "retired").put("requestId", request.id())
                .put("vault", request.secret().vault()).put("secret", request.secret().name())
                .put("requestedBy", request.requester().name())
                .put("approvedBy", ((Decision.Approving) request.decision()).approvedBy());
        done.disabledVersions().forEach(json.putArray("disabledVersions")::add);
        if (done.atProvider() instanceof RetirementOutcome.Invalidated invalidated) {
            invalidated.credentials().forEach(json.putArray("invalidated")::add);
        } else {
            json.put("remainingAtProvider", ((RetirementOutcome.LeftToOwners) done.atProvider()).remainingWork());
        }
        return ApiResponse.json(200, json);
    }

    private static ApiResponse refusal(Refusal refusal) {
        return switch (refusal.reason()) {
            case SAME_PERSON -> ApiResponse.problem(403, "Second person required", refusal.message());
            case NOT_AN_APPROVER -> ApiResponse.problem(403, "Approver role required", refusal.message());
            case NOT_REQUESTER_OR_APPROVER -> ApiResponse.problem(403, "Not allowed to withdraw", refusal.message());
            case EXPIRED -> ApiResponse.problem(409, "Request expired", refusal.message());
            case WITHDRAWN -> ApiResponse.problem(409, "Request withdrawn", refusal.message());
            case COMPLETED -> ApiResponse.problem(409, "Request already carried out", refusal.message());
            case IN_PROGRESS -> ApiResponse.problem(409, "Request being carried out", refusal.message())
                    .withHeader("Retry-After", "30");
            case CHANGED_MEANWHILE -> ApiResponse.problem(409, "Request changed meanwhile", refusal.message());
        };
    }

    private static ObjectNode request(ApprovalRequest request) {
        ApprovalRequest.Change change = request.change();
        ObjectNode json = ApiJson.object().put("requestId", request.id()).put("kind", request.kind().label())
                .put("vault", request.secret().vault()).put("secret", request.secret().name())
                .put("compromisedVersion", change.compromisedVersion()).put("reason", request.reason())
                .put("requestedBy", request.requester().name())
                .put("requestedAt", ApiJson.time(request.requestedAt()))
                .put("expiresAt", ApiJson.time(request.expiresAt()));
        decision(json.putObject("decision"), request.decision());
        json.put("onApproval", change.summary());
        change.stopsWorking().forEach(json.putArray("stopsWorking")::add);
        json.put("approve", "POST /api/revocations/" + request.id() + "/approve")
                .put("withdraw", "DELETE /api/revocations/" + request.id());
        return json;
    }

    private static void decision(ObjectNode json, Decision decision) {
        if (decision instanceof Decision.Pending pending) {
            json.put("state", "pending").put("lastAttempt", pending.lastAttempt());
        } else if (decision instanceof Decision.Approving approving) {
            json.put("state", "approving").put("approvedBy", approving.approvedBy())
                    .put("since", ApiJson.time(approving.since()));
        } else if (decision instanceof Decision.Completed completed) {
            json.put("state", "completed").put("approvedBy", completed.approvedBy())
                    .put("at", ApiJson.time(completed.at())).put("outcome", completed.outcome());
        } else if (decision instanceof Decision.Withdrawn withdrawn) {
            json.put("state", "withdrawn").put("withdrawnBy", withdrawn.withdrawnBy())
                    .put("at", ApiJson.time(withdrawn.at()));
        }
    }
}
