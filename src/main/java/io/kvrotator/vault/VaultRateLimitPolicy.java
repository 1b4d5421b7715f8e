package io.kvrotator.vault;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.kvrotator.support.SlidingWindowLimiter;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Keeps one vault's calls within Key Vault's service limits (by default 300 secret writes and 4,000 other
 * operations per 10 seconds) by waiting before a call that would exceed them, so a burst of rotations is paced
 * instead of throttled. The limits are per vault, and each {@code SecretClient} serves one vault. Across scaled-out
 * instances the SDK's retry policy still honours {@code Retry-After} on a 429.
 */
public final class VaultRateLimitPolicy implements HttpPipelinePolicy {

    /**
     * Key Vault's window, plus a margin: Key Vault counts a call when it arrives, we when we send it, and the time in
     * between varies from call to call. Without the margin the 301st write of a burst could arrive less than 10 s
     * after the first did, be refused with a 429, and wait out a whole second of Retry-After.
     */
    static final Duration WINDOW = Duration.ofMillis(10_250);

    private final SlidingWindowLimiter writes;
    private final SlidingWindowLimiter others;

    public VaultRateLimitPolicy(SlidingWindowLimiter writes, SlidingWindowLimiter others) {
        this.writes = writes;
        this.others = others;
    }

    public static VaultRateLimitPolicy keyVaultLimits(int writesPer10s, int othersPer10s) {
        return new VaultRateLimitPolicy(new SlidingWindowLimiter(writesPer10s, WINDOW, System::nanoTime),
                new SlidingWindowLimiter(othersPer10s, WINDOW, System::nanoTime));
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        SlidingWindowLimiter limiter = limiterFor(context.getHttpRequest().getHttpMethod());
        return Mono.defer(() -> {
            Duration wait = limiter.tryAcquire();
            return wait.isZero() ? Mono.just(true) : Mono.delay(wait).then(Mono.empty());
        }).repeatWhenEmpty(attempts -> attempts).then(Mono.defer(next::process));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        SlidingWindowLimiter limiter = limiterFor(context.getHttpRequest().getHttpMethod());
        for (Duration wait = limiter.tryAcquire(); !wait.isZero(); wait = limiter.tryAcquire()) {
            try {
                Thread.sleep(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing Key Vault calls", e);
            }
        }
        return next.processSync();
    }

    private SlidingWindowLimiter limiterFor(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? others : writes;
    }
}
