package io.kvrotator.testing;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.kvrotator.sandbox.Azurite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Loses the answers of blob writes ({@code PUT}s of a blob, not of a container) in a storage client's pipeline,
 * after each retry of the SDK's own retry policy: {@link #afterApplying} lets the write reach the service and drops
 * its answer (the service applied it), {@link #beforeSending} fails it before it leaves (nothing applied). The SDK
 * then sends the write again, as it would after a timeout or a reset.
 */
public final class LostStorageAnswers implements HttpPipelinePolicy {

    private final boolean applied;
    private final AtomicInteger left;
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger answeredFirst = new AtomicInteger();

    private LostStorageAnswers(boolean applied, int count) {
        this.applied = applied;
        this.left = new AtomicInteger(count);
    }

    /** The next {@code count} writes are applied by the service, and their answers lost. */
    public static LostStorageAnswers afterApplying(int count) {
        return new LostStorageAnswers(true, count);
    }

    /** The next {@code count} writes fail before they are sent. */
    public static LostStorageAnswers beforeSending(int count) {
        return new LostStorageAnswers(false, count);
    }

    /** The first {@code count} writes are answered as usual; the lost ones come after them. */
    public LostStorageAnswers afterAnswering(int count) {
        answeredFirst.set(count);
        return this;
    }

    /** A container of Azurite's whose client goes through this policy, with the SDK's retries made quick. */
    public BlobContainerClient container(Azurite azurite, String name) {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).addPolicy(this)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 3, (Integer) null, 10L, 10L, null))
                .buildClient().getBlobContainerClient(name);
    }

    /** Writes that reached this policy, the SDK's resends included. */
    public int writes() {
        return writes.get();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Fate fate = fate(context);
        if (fate == Fate.NOT_SENT) {
            throw lost();
        }
        HttpResponse response = next.processSync();
        if (fate == Fate.ANSWER_LOST) {
            response.close();
            throw lost();
        }
        return response;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Fate fate = fate(context);
        if (fate == Fate.NOT_SENT) {
            return Mono.error(lost());
        }
        return fate == Fate.ANSWER_LOST ? next.process().flatMap(response -> {
            response.close();
            return Mono.error(lost());
        }) : next.process();
    }

    private Fate fate(HttpPipelineCallContext context) {
        String query = context.getHttpRequest().getUrl().getQuery();
        if (context.getHttpRequest().getHttpMethod() != HttpMethod.PUT
                || query != null && query.contains("restype=container")) {
            return Fate.ANSWERED;
        }
        writes.incrementAndGet();
        if (answeredFirst.getAndDecrement() > 0 || left.getAndDecrement() <= 0) {
            return Fate.ANSWERED;
        }
        return applied ? Fate.ANSWER_LOST : Fate.NOT_SENT;
    }

    private enum Fate { ANSWERED, ANSWER_LOST, NOT_SENT }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    private static UncheckedIOException lost() {
        return new UncheckedIOException(new IOException("answer lost (injected by the test)"));
    }
}
