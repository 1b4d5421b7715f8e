package io.kvrotator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** An HTTP response from the API core: JSON, or {@code application/problem+json} for errors. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public static ApiResponse json(int status, JsonNode body) {
        return json(status, body.toString());
    }

    /** {@code body} is JSON text already. */
    static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    /** RFC 9457 problem details; {@code detail} says what is wrong and never holds a secret value. */
    public static ApiResponse problem(int status, String title, String detail) {
        ObjectNode body = ApiJson.object().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        return new ApiResponse(status, Map.of("Content-Type", "application/problem+json; charset=utf-8"),
                body.toString());
    }

    public ApiResponse withHeader(String name, String value) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(this.headers);
        headers.put(name, value);
        return new ApiResponse(status, headers, body);
    }
}
