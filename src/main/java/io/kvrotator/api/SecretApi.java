package io.kvrotator.api;

import io.kvrotator.accessreview.PermissionPreflight;
import io.kvrotator.accessreview.Preflight;
import io.kvrotator.support.LogText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.failure.RotationException;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.rotation.RotationPreview;
import io.kvrotator.rotation.RotationRequest;
import io.kvrotator.rotation.Rotator;
import io.kvrotator.rotation.Trigger;
import io.kvrotator.sweep.ExpiryScanner;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import io.kvrotator.vault.VaultAllowList;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engineers' HTTP API (DESIGN.md section 5) as plain Java: validates everything before any remote call,
 * then rotates or previews through the same core the events use ({@link ApprovalApi} revokes and retires). Errors
 * are problem details.
 */
public final class SecretApi {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_TEXT_LENGTH = 200;
    static final int DEFAULT_WITHIN_DAYS = 30;
    static final int MAX_WITHIN_DAYS = 3650;

    private final Rotator rotator;
    private final PermissionPreflight preflight;
    private final ExpiryScanner expiries;
    private final VaultAllowList allowedVaults;
    private final CallerPolicy callerPolicy;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    public SecretApi(Rotator rotator, PermissionPreflight preflight, ExpiryScanner expiries,
                     VaultAllowList allowedVaults, CallerPolicy callerPolicy, IdempotencyRecords idempotencyRecords,
                     Clock clock) {
        this.rotator = rotator;
        this.preflight = preflight;
        this.expiries = expiries;
        this.allowedVaults = allowedVaults;
        this.callerPolicy = callerPolicy;
        this.idempotent = new IdempotentRequests(idempotencyRecords, clock);
        this.clock = clock;
    }

    /** {@code POST /api/secrets/{vault}/{name}/rotate}, body {@code {"reason": "...", "dryRun": false}}. */
    public ApiResponse rotate(ApiRequest request) {
        return handle(() -> {
            Caller caller = callerPolicy.caller(request);
            SecretRef secret = SecretRoutes.secret(request, allowedVaults);
            JsonNode body = RequestBodies.parse(request, Set.of("reason", "dryRun"));
            String reason = RequestBodies.requiredText(body, "reason");
            if (RequestBodies.optionalBoolean(body, "dryRun")) {
                return preview(secret, true);
            }
            return idempotent.handle("rotate", caller, secret, request, () -> {
                RotationOutcome outcome = rotator.rotate(new RotationRequest(secret, new Trigger.Http(caller.name()),
                        reason, null, null, false));
                return Outcomes.rotation(outcome, clock.instant());
            });
        });
    }

    /** {@code GET /api/secrets/{vault}/{name}}: what the latest version holds and what a rotation would do. */
    public ApiResponse status(ApiRequest request) {
        return handle(() -> {
            callerPolicy.caller(request);
            return preview(SecretRoutes.secret(request, allowedVaults), false);
        });
    }

    /** {@code GET /api/expiries?withinDays=N}: the sweep's report (list operations only), changing nothing. */
    public ApiResponse expiries(ApiRequest request) {
        return handle(() -> {
            callerPolicy.caller(request);
            int withinDays = withinDays(request.query().get("withinDays"));
            return ApiResponse.json(200, ExpiryReportJson.of(expiries.scan(), withinDays));
        });
    }

    private static int withinDays(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_WITHIN_DAYS;
        }
        if (text.matches("\\d{1,4}") && Integer.parseInt(text) <= MAX_WITHIN_DAYS) {
            return Integer.parseInt(text);
        }
        throw new BadRequest(400, "Invalid withinDays", "withinDays must be a whole number of days from 0 to "
                + MAX_WITHIN_DAYS + ", not '" + LogText.printable(text) + "'");
    }

    private ApiResponse preview(SecretRef secret, boolean dryRun) {
        RotationPreview preview = rotator.preview(secret);
        if (preview instanceof RotationPreview.NotFound) {
            return Outcomes.notFound(secret);
        }
        SecretVersion current = preview instanceof RotationPreview.Planned planned ? planned.current()
                : ((RotationPreview.NotRotatable) preview).current();
        ObjectNode json = ApiJson.object();
        if (dryRun) {
            json.put("outcome", "planned").put("dryRun", true);
        }
        json.put("vault", secret.vault()).put("secret", secret.name())
                .put("credentialType", current.tag(Tags.CREDENTIAL_TYPE).orElse(null))
                .put("currentVersion", current.version())
                .put("credentialId", current.tag(Tags.CREDENTIAL_ID).orElse(null))
                .put("enabled", current.enabled())
                .put("expiresOn", ApiJson.time(current.expiresOn()));
        if (current.expiresOn() != null) {
            json.put("daysLeft", ExpiryText.daysLeft(current.expiresOn(), clock.instant()));
        }
        // The identity's permissions at the provider: a rotation the plan allows still fails without them.
        Preflight permissions = preflight.check(current.tag(Tags.CREDENTIAL_TYPE).orElse(null),
                current.tag(Tags.PROVIDER_ADDRESS).orElse(null));
        ObjectNode rotation = json.putObject("rotation");
        String blockedBy = preview instanceof RotationPreview.NotRotatable notRotatable ? notRotatable.reason()
                : permissions instanceof Preflight.Missing ? permissions.message() : null;
        if (preview instanceof RotationPreview.Planned planned) {
            rotation.put("possible", blockedBy == null).put("wouldDo", planned.plan().description())
                    .put("nextCredentialId", planned.plan().nextCredentialId())
                    .put("newExpiresOn", ApiJson.time(planned.newExpiresOn()));
        } else {
            rotation.put("possible", false);
        }
        if (blockedBy != null) {
            rotation.put("blockedBy", blockedBy);
        }
        json.set("permissions", PreflightJson.of(permissions));
        if (dryRun && blockedBy != null) {
            return ApiResponse.problem(422, "Cannot rotate", blockedBy);
        }
        return ApiResponse.json(200, json);
    }

    private ApiResponse handle(Supplier<ApiResponse> action) {
        try {
            return action.get();
        } catch (BadRequest e) {
            return ApiResponse.problem(e.status, e.title, e.getMessage());
        } catch (RotationException e) {
            return Outcomes.failure(e.failure());
        }
    }


}
