package io.kvrotator.localhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kvrotator.localhost.FunctionCatalog.FunctionEntry;
import io.kvrotator.localhost.FunctionCatalog.TriggerKind;
import io.kvrotator.sandbox.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves the app's functions at the URLs Core Tools uses, on loopback: {@code POST /runtime/webhooks/EventGrid
 * ?functionName=NAME} (header {@code aeg-event-type}), {@code /api/{route}} for HTTP functions (function keys
 * enforced, as in Azure), and {@code POST /admin/functions/NAME} for timers. It invokes the same classes and
 * methods Azure runs ({@link HostedApp}: the test classpath's, or those of the staged package with its own class
 * loader); {@code /sandbox/state} serves a read-only view of the sandbox.
 */
public final class LocalFunctionsHost implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    static {
        // As for the stand-ins (see StandIn): no Nagle delay on answers, which the Functions host does not add.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The host's own JSON parsing, ready before the first request: the Functions runtime parses the trigger
        // outside the worker, so the start-up benchmark must not count this against the app's first answer.
        try {
            JSON.readTree("[{\"data\":{\"validationCode\":\"\"}}]").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final FunctionCatalog catalog;
    private final String functionKey;
    private final Supplier<JsonNode> state;
    private final HttpServer server;

    public LocalFunctionsHost(FunctionCatalog catalog, String functionKey, Supplier<JsonNode> state, int port)
            throws IOException {
        this.catalog = catalog;
        this.functionKey = functionKey;
        this.state = state;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // Invocations at once: 8, or kvrotator.host.threads (the burst benchmark's worker takes more deliveries).
        server.setExecutor(Executors.newFixedThreadPool(Integer.getInteger("kvrotator.host.threads", 8), runnable -> {
            Thread thread = new Thread(runnable, "local-functions-host");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::exchange);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String stateUrl() {
        return baseUrl() + "/sandbox/state";
    }

    public FunctionCatalog catalog() {
        return catalog;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            Reply reply = body.length > MAX_BODY_BYTES ? Reply.text(413, "request body too large")
                    : route(exchange, new String(body, StandardCharsets.UTF_8));
            Transcript.record("http " + exchange.getRequestURI().getRawPath(), reply.status() + " " + reply.body());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply route(HttpExchange exchange, String body) {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, String> query = HostUrls.query(exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        if (path.equals("/sandbox/state") && method.equals("GET")) {
            return Reply.json(200, state.get().toString());
        }
        if (path.equals("/runtime/webhooks/EventGrid") && method.equals("POST")) {
            return eventGrid(query.get("functionName"), headers, body);
        }
        if (path.startsWith("/admin/functions/") && method.equals("POST")) {
            return timer(path.substring("/admin/functions/".length()), headers, query);
        }
        if (path.startsWith("/api/")) {
            return http(exchange.getRequestURI(), method, path.substring("/api/".length()), headers, query, body);
        }
        return Reply.text(404, "no such endpoint: " + path);
    }

    private Reply eventGrid(String functionName, Map<String, String> headers, String body) {
        Optional<FunctionEntry> function = Optional.ofNullable(functionName).flatMap(catalog::named)
                .filter(entry -> entry.trigger() == TriggerKind.EVENT_GRID);
        if (function.isEmpty()) {
            return Reply.text(404, "no Event Grid function named " + functionName);
        }
        String eventType = headers.getOrDefault("aeg-event-type", "");
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (IOException e) {
            parsed = null;
        }
        if (eventType.equals("SubscriptionValidation")) {
            JsonNode first = parsed != null && parsed.isArray() ? parsed.get(0) : parsed;
            String code = first == null ? "" : first.path("data").path("validationCode").asText("");
            return Reply.json(200, JSON.createObjectNode().put("validationResponse", code).toString());
        }
        if (!eventType.equals("Notification")) {
            return Reply.text(400, "header aeg-event-type must be Notification or SubscriptionValidation");
        }
        // The runtime invokes the function once per event of an array; anything else reaches it as sent.
        List<String> events = new ArrayList<>();
        if (parsed != null && parsed.isArray() && !parsed.isEmpty()) {
            parsed.forEach(event -> events.add(event.toString()));
        } else {
            events.add(body);
        }
        for (String event : events) {
            Reply failure = failureOf(FunctionInvoker.invoke(function.get(), Map.of(), event, null));
            if (failure != null) {
                return failure;
            }
        }
        return Reply.text(200, "");
    }

    private Reply timer(String name, Map<String, String> headers, Map<String, String> query) {
        Optional<FunctionEntry> function = catalog.named(name);
        if (function.isEmpty()) {
            return Reply.text(404, "no function named " + name);
        }
        if (!keyMatches(headers, query)) {
            return Reply.text(401, "missing or wrong function key (x-functions-key header or code query parameter)");
        }
        if (function.get().trigger() != TriggerKind.TIMER) {
            return Reply.text(400, name + " is not a timer function");
        }
        Reply failure = failureOf(FunctionInvoker.invoke(function.get(), Map.of(), "{\"isPastDue\":false}", null));
        return failure != null ? failure : Reply.text(202, "");
    }

    private Reply http(URI uri, String method, String path, Map<String, String> headers, Map<String, String> query,
                       String body) {
        boolean routeExists = false;
        for (FunctionEntry function : catalog.functions()) {
            if (function.trigger() != TriggerKind.HTTP) {
                continue;
            }
            Optional<Map<String, String>> values = HostUrls.match(function.route(), path);
            if (values.isEmpty()) {
                continue;
            }
            routeExists = true;
            if (!function.httpMethods().isEmpty() && !function.httpMethods().contains(method)) {
                continue;
            }
            if (function.authLevel() != AuthorizationLevel.ANONYMOUS && !keyMatches(headers, query)) {
                return Reply.text(401, "missing or wrong function key (x-functions-key header or code query parameter)");
            }
            LocalHttpRequest request = new LocalHttpRequest(uri, HttpMethod.value(method), headers, query,
                    body.isEmpty() ? Optional.empty() : Optional.of(body));
            FunctionInvoker.Invocation invocation = FunctionInvoker.invoke(function, values.get(), null, request);
            if (!(invocation instanceof FunctionInvoker.Invocation.Returned returned)) {
                return failureOf(invocation);
            }
            LocalHttpResponse response = (LocalHttpResponse) returned.value();
            return new Reply(response.getStatusCode(), response.headers(),
                    response.getBody() == null ? "" : response.getBody().toString());
        }
        return routeExists ? Reply.text(405, "method not allowed") : Reply.text(404, "no function at /api/" + path);
    }

    /** Null when the function returned; else the 500 Azure would answer. */
    private static Reply failureOf(FunctionInvoker.Invocation invocation) {
        return invocation instanceof FunctionInvoker.Invocation.Failed failed ? Reply.text(500, failed.message()) : null;
    }

    private boolean keyMatches(Map<String, String> headers, Map<String, String> query) {
        String presented = headers.getOrDefault("x-functions-key", query.getOrDefault("code", ""));
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                functionKey.getBytes(StandardCharsets.UTF_8));
    }

    private record Reply(int status, Map<String, String> headers, String body) {
        static Reply text(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
        }

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
        }
    }
}
