package io.kvrotator.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** An HTTP request as the API core sees it, independent of the Functions runtime. Header names are lower case. */
public record ApiRequest(Map<String, String> routeParams, Map<String, String> query, Map<String, String> headers,
                         String body) {

    public ApiRequest {
        routeParams = Map.copyOf(routeParams);
        query = Map.copyOf(query);
        headers = headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (first, second) -> first));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
