package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.Step;
import io.kvrotator.rotation.RevocationOutcome;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How the core's outcomes answer an HTTP request: JSON for success, problem details with the right status else. */
final class Outcomes {

    private Outcomes() {
    }

    /** @param extra fields added to a success, e.g. the approval request's */
    static ApiResponse revocation(SecretRef secret, RevocationOutcome outcome, ObjectNode extra) {
        if (outcome instanceof RevocationOutcome.Revoked revoked) {
            ObjectNode json = ApiJson.object().put("outcome", revoked.how() == RevocationOutcome.How.ALREADY_REVOKED
                            ? "already-revoked" : "revoked").put("how", revoked.how().name().toLowerCase(Locale.ROOT))
                    .put("vault", secret.vault()).put("secret", secret.name())
                    .put("version", revoked.version()).put("credentialId", revoked.credentialId());
            ArrayNode disabled = json.putArray("disabledVersions");
            revoked.disabledVersions().forEach(disabled::add);
            json.setAll(extra);
            return ApiResponse.json(200, json);
        }
        if (outcome instanceof RevocationOutcome.Failed failed) {
            return failure(failed.failure());
        }
        return notFound(secret);
    }

    static ApiResponse rotation(RotationOutcome outcome, Instant now) {
        SecretRef secret = outcome.secret();
        if (outcome instanceof RotationOutcome.Rotated rotated) {
            return ApiResponse.json(200, ApiJson.object().put("outcome", "rotated").put("vault", secret.vault())
                    .put("secret", secret.name()).put("previousVersion", rotated.previousVersion())
                    .put("newVersion", rotated.newVersion()).put("credentialId", rotated.credentialId())
                    .put("expiresOn", ApiJson.time(rotated.expiresOn())));
        }
        if (outcome instanceof RotationOutcome.NotFound) {
            return notFound(secret);
        }
        if (outcome instanceof RotationOutcome.Skipped skipped) {
            return ApiResponse.problem(409, "Not rotated", skipped.reason());
        }
        if (outcome instanceof RotationOutcome.TooSoon tooSoon) {
            long wait = Math.max(1, Duration.between(now, tooSoon.notBefore()).toSeconds());
            return ApiResponse.problem(409, "Rotated too recently", "version " + tooSoon.version() + " is younger than"
                    + " the minimum rotation age (setting ROTATOR_MIN_ROTATION_AGE_MINUTES): it may be rotated from "
                    + tooSoon.notBefore() + "; to replace a compromised credential now, revoke it")
                    .withHeader("Retry-After", Long.toString(wait));
        }
        if (outcome instanceof RotationOutcome.Failed failed) {
            return failure(failed.failure());
        }
        return ApiResponse.problem(422, "Cannot rotate", "the secret cannot be rotated automatically");
    }

    static ApiResponse failure(Failure failure) {
        if (failure instanceof Failure.Retryable && failure.step() == Step.LOCK) {
            return ApiResponse.problem(409, "Rotation in progress", failure.message()).withHeader("Retry-After", "30");
        }
        if (failure instanceof Failure.Retryable) {
            return ApiResponse.problem(503, "Temporarily unable to rotate", "step " + failure.step() + ": "
                    + failure.message()).withHeader("Retry-After", "30");
        }
        return ApiResponse.problem(422, "Cannot rotate", "step " + failure.step() + ": " + failure.message());
    }

    static ApiResponse notFound(SecretRef secret) {
        return ApiResponse.problem(404, "Secret not found", "vault " + secret.vault() + " has no secret named "
                + secret.name());
    }
}
