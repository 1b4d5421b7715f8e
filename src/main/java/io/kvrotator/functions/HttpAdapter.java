package io.kvrotator.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import io.kvrotator.api.ApiRequest;
import io.kvrotator.api.ApiResponse;
import java.util.Map;
import java.util.Optional;

/** Translates between the Functions HTTP types and the API core's. */
final class HttpAdapter {

    private HttpAdapter() {
    }

    static ApiRequest toApiRequest(HttpRequestMessage<Optional<String>> request, Map<String, String> routeParams) {
        Map<String, String> routeValues = new java.util.HashMap<>();
        routeParams.forEach((name, value) -> routeValues.put(name, value == null ? "" : value));
        return new ApiRequest(routeValues, request.getQueryParameters(), request.getHeaders(),
                request.getBody() == null ? null : request.getBody().orElse(null));
    }

    static HttpResponseMessage respond(HttpRequestMessage<?> request, ApiResponse response) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatus.valueOf(response.status()))
                .body(response.body());
        response.headers().forEach(builder::header);
        return builder.build();
    }
}
