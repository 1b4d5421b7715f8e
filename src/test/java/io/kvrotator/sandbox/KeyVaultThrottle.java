package io.kvrotator.sandbox;

import io.kvrotator.support.SlidingWindowLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Key Vault's per-vault service limits as the stand-in enforces them: a 429 with {@code Retry-After} beyond them. */
public interface KeyVaultThrottle {

    /** Empty to let the call through, or the 429 to answer with. */
    Optional<StandIn.Response> admit(String vault, boolean secretWrite);

    /** How many calls were refused so far. */
    int throttled();

    static KeyVaultThrottle unlimited() {
        return new KeyVaultThrottle() {
            @Override
            public Optional<StandIn.Response> admit(String vault, boolean secretWrite) {
                return Optional.empty();
            }

            @Override
            public int throttled() {
                return 0;
            }
        };
    }

    /** Key Vault's documented limits: {@code writes} secret writes and {@code others} other calls per 10 seconds. */
    static KeyVaultThrottle serviceLimits(int writes, int others) {
        Map<String, SlidingWindowLimiter[]> byVault = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        return new KeyVaultThrottle() {
            @Override
            public Optional<StandIn.Response> admit(String vault, boolean secretWrite) {
                SlidingWindowLimiter[] limiters = byVault.computeIfAbsent(vault.toLowerCase(), v -> new SlidingWindowLimiter[] {
                        new SlidingWindowLimiter(writes, Duration.ofSeconds(10), System::nanoTime),
                        new SlidingWindowLimiter(others, Duration.ofSeconds(10), System::nanoTime)});
                Duration wait = limiters[secretWrite ? 0 : 1].tryAcquire();
                if (wait.isZero()) {
                    return Optional.empty();
                }
                refused.incrementAndGet();
                return Optional.of(StandIn.Response.json(429, StandIn.JSON.createObjectNode().set("error",
                                StandIn.JSON.createObjectNode().put("code", "Throttled").put("message",
                                        "Request was not processed because too many requests were received."
                                                + " Reason: A generic error occurred.")))
                        .withHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
            }

            @Override
            public int throttled() {
                return refused.get();
            }
        };
    }
}
