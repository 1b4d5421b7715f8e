package io.kvrotator.failure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.microsoft.kiota.ApiException;
import io.kvrotator.support.SafeErrorText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/** Classifies what an Azure SDK (or Microsoft Graph SDK) call threw as a retryable or terminal {@link Failure}. */
public final class SdkErrors {

    private SdkErrors() {
    }

    public static Failure classify(Step step, Throwable error) {
        if (error instanceof RotationException rotation) {
            return rotation.failure();
        }
        String text = SafeErrorText.of(error);
        if (error instanceof HttpResponseException http && http.getResponse() != null) {
            return byStatus(step, http.getResponse().getStatusCode(), text);
        }
        if (error instanceof ApiException graph && graph.getResponseStatusCode() > 0) {
            return byStatus(step, graph.getResponseStatusCode(), text);
        }
        if (error instanceof ClientAuthenticationException) {
            return new Failure.Retryable(step, text);
        }
        if (hasCause(error, IOException.class) || hasCause(error, TimeoutException.class)
                || error instanceof UncheckedIOException) {
            return new Failure.Retryable(step, text);
        }
        return new Failure.Terminal(step, text);
    }

    private static Failure byStatus(Step step, int status, String text) {
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            return new Failure.Retryable(step, text);
        }
        if (status == 401 || status == 403) {
            return new Failure.Terminal(step, text + " - grant the function's managed identity the role"
                    + " this step needs (see README, Deploy)");
        }
        return new Failure.Terminal(step, text);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
