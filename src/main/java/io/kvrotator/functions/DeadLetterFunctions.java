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

/** Replays what Event Grid dead-lettered once its cause is fixed; function-key protected, logic in DeadLetterApi. */
public final class DeadLetterFunctions {

    /** Not under admin/: the Functions host keeps routes starting with "admin" for itself and would not load this. */
    @FunctionName("ReplayDeadLetters")
    public HttpResponseMessage replay(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "deadletters/replay") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpAdapter.respond(request,
                AppContext.get().deadLetterApi().replay(HttpAdapter.toApiRequest(request, Map.of())));
    }
}
