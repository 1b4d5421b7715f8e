package io.kvrotator.graph;

import com.microsoft.kiota.BaseRequestConfiguration;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * A Graph write that must reach Graph once unless an answer proves it was refused (rule A): after a lost answer, a
 * 5xx or a timeout the caller reads back instead. Under the Graph SDK two layers would send it again by themselves:
 * Graph's retry handler after a 503 or 504, and OkHttp after a 503 with {@code Retry-After: 0} or a connection lost
 * once the request was sent. The first is told to retry a 429 only (throttled: nothing was applied); the second never
 * resends a request whose body says it can be sent once.
 */
public final class SentOnce implements RequestOption {

    private static final SentOnce MARK = new SentOnce();
    private static final int THROTTLED = 429;
    private static final RetryHandlerOption THROTTLED_ONLY = new RetryHandlerOption(
            (delay, attempt, request, response) -> response.code() == THROTTLED,
            RetryHandlerOption.DEFAULT_MAX_RETRIES, RetryHandlerOption.DEFAULT_DELAY);

    private SentOnce() {
    }

    /** Marks a request: {@code post(body, SentOnce::mark)}. */
    public static void mark(BaseRequestConfiguration configuration) {
        configuration.options.add(MARK);
        configuration.options.add(THROTTLED_ONLY);
    }

    /** The interceptor that gives a marked request a body OkHttp sends once; it goes after Graph's middleware. */
    static Interceptor interceptor() {
        return chain -> {
            Request request = chain.request();
            RequestBody body = request.body();
            if (body == null || request.tag(SentOnce.class) == null) {
                return chain.proceed(request);
            }
            return chain.proceed(request.newBuilder().method(request.method(), new OneShot(body)).build());
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RequestOption> Class<T> getType() {
        return (Class<T>) SentOnce.class;
    }

    private static final class OneShot extends RequestBody {

        private final RequestBody body;

        OneShot(RequestBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
