package io.kvrotator.support;

import com.azure.core.util.Context;

/**
 * azure-core's key for reading a response's whole body before the pipeline returns, as the SDKs' own calls do: the
 * JDK client then gathers the body on its own threads instead of the caller pulling it through a stream.
 */
public final class WholeBody {

    private static final String KEY = "azure-eagerly-read-response";

    /** A call's context that reads the whole body. */
    public static final Context READ = new Context(KEY, true);

    private WholeBody() {
    }

    /** {@code context}, also reading the whole body. */
    public static Context readWith(Context context) {
        return context.addData(KEY, true);
    }
}
