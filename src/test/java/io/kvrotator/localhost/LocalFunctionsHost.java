package io.kvrotator.localhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kvrotator.localhost.FunctionCatalog.FunctionEntry;
import io.kvrotator.localhost.FunctionCatalog.TriggerKind;
import io.kvrotator.sandbox.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
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
            Reply failure = invoke(function.get(), Map.of(), event, null);
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
        Reply failure = invoke(function.get(), Map.of(), "{\"isPastDue\":false}", null);
        return failure != null ? failure : Reply.text(202, "");
    }

    private Reply http(URI uri, String method, String path, Map<String, String> headers, Map<String, String> query,
                       String body) {
        boolean routeExists = false;
        for (FunctionEntry function : catalog.functions()) {
            if (function.trigger() != TriggerKind.HTTP) {
                continue;
            }
            Optional<Map<String, String>> values = match(function.route(), path);
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
            Object[] result = new Object[1];
            Reply failure = invoke(function, values.get(), null, request, result);
            if (failure != null) {
                return failure;
            }
            LocalHttpResponse response = (LocalHttpResponse) result[0];
            return new Reply(response.getStatusCode(), response.headers(),
                    response.getBody() == null ? "" : response.getBody().toString());
        }
        return routeExists ? Reply.text(405, "method not allowed") : Reply.text(404, "no function at /api/" + path);
    }

    private Reply invoke(FunctionEntry function, Map<String, String> routeValues, String triggerPayload,
                         LocalHttpRequest httpRequest) {
        return invoke(function, routeValues, triggerPayload, httpRequest, new Object[1]);
    }

    /** Invokes the function; returns null on success (result in {@code result[0]}), or the 500 Azure would give. */
    private Reply invoke(FunctionEntry function, Map<String, String> routeValues, String triggerPayload,
                         LocalHttpRequest httpRequest, Object[] result) {
        Parameter[] parameters = function.method().getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (parameter.isAnnotationPresent(HttpTrigger.class)) {
                arguments[i] = httpRequest;
            } else if (parameter.isAnnotationPresent(EventGridTrigger.class)
                    || parameter.isAnnotationPresent(TimerTrigger.class)) {
                arguments[i] = triggerPayload;
            } else if (parameter.isAnnotationPresent(BindingName.class)) {
                arguments[i] = routeValues.get(parameter.getAnnotation(BindingName.class).value());
            } else if (parameter.getType() == ExecutionContext.class) {
                arguments[i] = context(function.name());
            }
        }
        // As the Java worker does: the app's class loader is the thread's context loader while a function runs.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(function.method().getDeclaringClass().getClassLoader());
        try {
            Object target = function.method().getDeclaringClass().getDeclaredConstructor().newInstance();
            result[0] = function.method().invoke(target, arguments);
            return null;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            Logger.getLogger("Host.Function." + function.name()).warning(() -> "Executed '" + function.name()
                    + "' (Failed): " + cause);
            return Reply.text(500, "function " + function.name() + " failed: " + cause.getMessage());
        } catch (ReflectiveOperationException e) {
            return Reply.text(500, "cannot invoke " + function.name() + ": " + e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static ExecutionContext context(String functionName) {
        String invocationId = UUID.randomUUID().toString();
        Logger logger = Logger.getLogger("Function." + functionName);
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return logger;
            }

            @Override
            public String getInvocationId() {
                return invocationId;
            }

            @Override
            public String getFunctionName() {
                return functionName;
            }
        };
    }

    private boolean keyMatches(Map<String, String> headers, Map<String, String> query) {
        String presented = headers.getOrDefault("x-functions-key", query.getOrDefault("code", ""));
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                functionKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Matches a route template such as {@code secrets/{vault}/{name}} against a path; values are URL-decoded. */
    static Optional<Map<String, String>> match(String template, String path) {
        String[] templateParts = template.split("/");
        String[] pathParts = path.split("/", -1);
        if (templateParts.length != pathParts.length) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Pattern parameter = Pattern.compile("\\{(\\w+)}");
        for (int i = 0; i < templateParts.length; i++) {
            Matcher matcher = parameter.matcher(templateParts[i]);
            String decoded = URLDecoder.decode(pathParts[i], StandardCharsets.UTF_8);
            if (matcher.matches()) {
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                values.put(matcher.group(1), decoded);
            } else if (!templateParts[i].equalsIgnoreCase(pathParts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
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
