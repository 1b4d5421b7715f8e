package io.kvrotator.provider;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import com.azure.core.util.Context;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import reactor.core.publisher.Mono;

/**
 * The retry policy of every ARM client built through {@link ArmManagers}: ARM's default (transient failures and
 * {@code 429}, after {@code Retry-After}), except for a write made with {@link #sentOnce()} as its {@code Context}.
 * Such a request goes out once, and again only after a {@code 429}, which proves ARM did not take it. A key regenerate
 * retried after a timeout can be applied twice, the first time after the retry was answered, leaving the key at a
 * value nobody was told; its caller reads the keys back instead (DESIGN.md section 4, rule A). Reads in the same call
 * (the polls of a long-running operation) keep their retries.
 */
public final class ArmRetryPolicy extends RetryPolicy {

    private static final String SENT_ONCE = "io.kvrotator.arm-sent-once";
    private static final Context SENT_ONCE_CONTEXT = new Context(SENT_ONCE, Boolean.TRUE);
    private static final RetryPolicy THROTTLING_ONLY = new RetryPolicy(new ThrottlingOnly(), "Retry-After",
            ChronoUnit.SECONDS);

    /** ARM's default: {@code Retry-After} in seconds, exponential backoff without it. */
    public ArmRetryPolicy() {
        super("Retry-After", ChronoUnit.SECONDS);
    }

    /** The {@code Context} of a write that must reach ARM at most once, e.g. a key regenerate. */
    public static Context sentOnce() {
        return SENT_ONCE_CONTEXT;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return isSentOnce(context) ? THROTTLING_ONLY.process(context, next) : super.process(context, next);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return isSentOnce(context) ? THROTTLING_ONLY.processSync(context, next) : super.processSync(context, next);
    }

    private static boolean isSentOnce(HttpPipelineCallContext context) {
        return context.getHttpRequest().getHttpMethod() != HttpMethod.GET && context.getData(SENT_ONCE).isPresent();
    }

    /** Retries nothing but a {@code 429}: an error, a timeout or a 5xx does not prove the write was not applied. */
    private static final class ThrottlingOnly implements RetryStrategy {

        private final ExponentialBackoff backoff = new ExponentialBackoff();

        @Override
        public int getMaxRetries() {
            return backoff.getMaxRetries();
        }

        @Override
        public Duration calculateRetryDelay(int retryAttempts) {
            return backoff.calculateRetryDelay(retryAttempts);
        }

        @Override
        public boolean shouldRetry(HttpResponse response) {
            return response.getStatusCode() == HTTP_STATUS_TOO_MANY_REQUESTS;
        }

        @Override
        public boolean shouldRetryException(Throwable throwable) {
            return false;
        }
    }
}
