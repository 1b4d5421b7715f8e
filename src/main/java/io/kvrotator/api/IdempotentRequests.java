package io.kvrotator.api;

import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Honours the {@code Idempotency-Key} header on {@code POST rotate} and {@code revoke} (DESIGN.md section 4, rule C):
 * a repeat of a request, by the same caller with the same key and the same body, gets the first outcome instead of
 * rotating again; the same key with another request is refused; a repeat while the first still runs gets 409. Only
 * final outcomes are kept: after a temporary failure (5xx, a held lock) a repeat runs the request again.
 */
final class IdempotentRequests {

    static final String HEADER = "Idempotency-Key";
    static final Duration KEPT_FOR = Duration.ofHours(24);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final IdempotencyRecords records;
    private final Clock clock;

    IdempotentRequests(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    ApiResponse handle(String operation, Caller caller, SecretRef secret, ApiRequest request,
                       Supplier<ApiResponse> action) {
        Optional<String> key = request.header(HEADER).map(String::trim);
        if (key.isEmpty()) {
            return action.get();
        }
        if (!KEY.matcher(key.get()).matches()) {
            return ApiResponse.problem(400, "Invalid " + HEADER, HEADER + " must be 1-128 visible ASCII characters");
        }
        String id = SecretValue.fingerprintOf(String.join("\n", caller.name(), operation, secret.toString(), key.get()));
        String fingerprint = SecretValue.fingerprintOf(request.body() == null ? "" : request.body());
        Optional<IdempotencyRecords.Entry> existing = records.claim(id, fingerprint, clock.instant().plus(KEPT_FOR));
        if (existing.isPresent()) {
            return replay(existing.get(), fingerprint);
        }
        ApiResponse response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            records.release(id);
            throw e;
        }
        if (response.status() >= 500 || response.status() == 409 || response.status() == 429) {
            records.release(id);
        } else {
            records.complete(id, new IdempotencyRecords.Entry(fingerprint, clock.instant().plus(KEPT_FOR), response));
        }
        return response;
    }

    private static ApiResponse replay(IdempotencyRecords.Entry entry, String fingerprint) {
        if (!entry.requestFingerprint().equals(fingerprint)) {
            return ApiResponse.problem(422, "Idempotency-Key reused", "this " + HEADER + " was used for a request"
                    + " with another body; use a new key for a new request");
        }
        if (entry.response() == null) {
            return ApiResponse.problem(409, "Request in progress", "the first request with this " + HEADER
                    + " is still running; repeat it in a moment to get its outcome").withHeader("Retry-After", "5");
        }
        return entry.response().withHeader("Idempotent-Replayed", "true");
    }
}
