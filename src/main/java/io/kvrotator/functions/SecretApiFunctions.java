package io.kvrotator.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.kvrotator.app.AppContext;
import java.util.Map;
import java.util.Optional;

/** The engineers' HTTP API (DESIGN.md section 5); function-key protected, logic in {@code SecretApi}. */
public final class SecretApiFunctions {

    @FunctionName("RotateSecret")
    public HttpResponseMessage rotate(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "secrets/{vault}/{name}/rotate") HttpRequestMessage<Optional<String>> request,
            @BindingName("vault") String vault, @BindingName("name") String name, ExecutionContext context) {
        return HttpAdapter.respond(request,
                AppContext.get().secretApi().rotate(HttpAdapter.toApiRequest(request, Map.of("vault", vault, "name", name))));
    }

    @FunctionName("SecretStatus")
    public HttpResponseMessage status(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "secrets/{vault}/{name}") HttpRequestMessage<Optional<String>> request,
            @BindingName("vault") String vault, @BindingName("name") String name, ExecutionContext context) {
        return HttpAdapter.respond(request,
                AppContext.get().secretApi().status(HttpAdapter.toApiRequest(request, Map.of("vault", vault, "name", name))));
    }

    @FunctionName("RevokeSecret")
    public HttpResponseMessage revoke(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "secrets/{vault}/{name}/revoke") HttpRequestMessage<Optional<String>> request,
            @BindingName("vault") String vault, @BindingName("name") String name, ExecutionContext context) {
        return HttpAdapter.respond(request,
                AppContext.get().approvalApi().revoke(HttpAdapter.toApiRequest(request, Map.of("vault", vault, "name", name))));
    }

    @FunctionName("ExpiryReport")
    public HttpResponseMessage expiries(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "expiries") HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        return HttpAdapter.respond(request, AppContext.get().secretApi().expiries(HttpAdapter.toApiRequest(request, Map.of())));
    }
}
