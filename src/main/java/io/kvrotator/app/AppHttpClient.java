package io.kvrotator.app;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import io.kvrotator.support.Lazy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The one HTTP client every SDK client of the app shares: azure-core over the JDK's {@code java.net.http} client, with
 * a thread pool of its own. By default that client completes its exchanges on azure-core's shared pool, whose
 * threads the storage SDK also blocks in while a synchronous call with a timeout (the rotation lock's lease renewal)
 * waits for its answer; with many rotations at once every one of those threads waited for an answer only a free one
 * could deliver, and the worker stopped (seen in the 10-vault burst benchmark). Its own pool never runs a blocking
 * SDK call, so it cannot starve.
 * <p>
 * It sends a write once per attempt of the SDK's retry policy, which alone decides what is sent again
 * ({@code AppHttpClientTest}). OkHttp, which would take about a quarter less CPU per rotation, resends a write answered
 * 503 with {@code Retry-After: 0} by itself, around the policy that sends a key regeneration once.
 */
final class AppHttpClient {

    private AppHttpClient() {
    }

    /**
     * Built on its first request or by the warm-up, not with the context: building it waits for the JDK's default TLS
     * context, which {@link TlsWarmUp} is loading meanwhile on a thread of its own.
     */
    static BuiltOnFirstRequest create(Duration timeout) {
        return new BuiltOnFirstRequest(Lazy.of(() -> build(timeout)));
    }

    private static HttpClient build(Duration timeout) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kv-rotator-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new JdkHttpClientBuilder().executor(exchanges).connectionTimeout(timeout).responseTimeout(timeout)
                .readTimeout(timeout).writeTimeout(timeout).build();
    }

    /** {@link #build()} builds it ahead of its first request (the warm-up does). */
    record BuiltOnFirstRequest(Lazy<HttpClient> client) implements HttpClient {

        void build() {
            client.get();
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            return client.get().send(request);
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request, Context context) {
            return client.get().send(request, context);
        }

        @Override
        public HttpResponse sendSync(HttpRequest request, Context context) {
            return client.get().sendSync(request, context);
        }
    }
}
