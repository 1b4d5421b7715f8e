package io.kvrotator.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.kvrotator.app.AppContext;
import java.util.Map;
import java.util.Optional;

/** Who can read each managed vault's secrets ({@code GET /api/access-review}); logic in {@code AccessReviewApi}. */
public final class AccessReviewFunctions {

    @FunctionName("AccessReview")
    public HttpResponseMessage review(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "access-review") HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        return HttpAdapter.respond(request,
                AppContext.get().accessReviewApi().review(HttpAdapter.toApiRequest(request, Map.of())));
    }
}
