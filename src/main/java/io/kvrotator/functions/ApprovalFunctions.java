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

/**
 * Retirement and the second person's side of the two-person rule (README, Revocation); function-key protected,
 * logic in {@code ApprovalApi}. Asking for a revocation is {@code RevokeSecret}.
 */
public final class ApprovalFunctions {

    @FunctionName("RetireSecret")
    public HttpResponseMessage retire(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "secrets/{vault}/{name}/retire") HttpRequestMessage<Optional<String>> request,
            @BindingName("vault") String vault, @BindingName("name") String name, ExecutionContext context) {
        return HttpAdapter.respond(request, AppContext.get().approvalApi()
                .retire(HttpAdapter.toApiRequest(request, Map.of("vault", vault, "name", name))));
    }

    @FunctionName("ListRevocations")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "revocations") HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
        return HttpAdapter.respond(request, AppContext.get().approvalApi()
                .list(HttpAdapter.toApiRequest(request, Map.of())));
    }

    @FunctionName("ApproveRevocation")
    public HttpResponseMessage approve(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "revocations/{id}/approve") HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id, ExecutionContext context) {
        return HttpAdapter.respond(request, AppContext.get().approvalApi()
                .approve(HttpAdapter.toApiRequest(request, Map.of("id", id))));
    }

    @FunctionName("WithdrawRevocation")
    public HttpResponseMessage withdraw(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "revocations/{id}") HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id, ExecutionContext context) {
        return HttpAdapter.respond(request, AppContext.get().approvalApi()
                .withdraw(HttpAdapter.toApiRequest(request, Map.of("id", id))));
    }
}
