package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A loopback HTTPS stand-in for one Azure service. Subclasses answer {@link Request}s; this class does the
 * transport, bearer-token checks, the call log, and fault injection through {@link Faults}.
 */
public abstract class StandIn implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the client's
        // delayed ACK held some answers back by up to 40 ms, a delay no Azure endpoint adds. Read once, before the
        // first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String service;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    });
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<HeldCall> held = new ArrayList<>();
    private volatile Faults faults = Faults.none();

    protected StandIn(String service, SandboxTls tls) {
        this.service = service;
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the " + service + " stand-in", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public String service() {
        return service;
    }

    /** Every call answered so far (including challenges and injected faults), oldest first. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void clearCalls() {
        calls.clear();
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    protected abstract Response handle(Request request);

    /** Lands every write still held ({@link Faults.Injection#heldThenLanding}): the service applies what it took. */
    public void landHeld() {
        landWhere(call -> true);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = read(exchange);
            land(request, false);
            Faults.Injection injection = faults.next(service, request);
            if (injection.held() != null) {
                hold(exchange, request, injection.held());
                return;
            }
            if (injection.delayMillis() > 0) {
                sleep(injection.delayMillis());
            }
            if (injection.dropConnection()) {
                calls.add(new Call(request.method(), request.path(), -1));
                exchange.getResponseBody().close();
                return;
            }
            Response response;
            try {
                response = injection.response() != null ? injection.response() : handle(request);
            } catch (RuntimeException e) {
                // Answered inside the try: a catch of the try-with-resources would run after the exchange closed,
                // and the client would see a dropped connection instead of this 500.
                response = Response.json(500, error("InternalError", "stand-in failure: " + e));
            }
            if (injection.beforeAnswer() != null) {
                injection.beforeAnswer().run();
            }
            if (injection.answerLost()) {
                calls.add(new Call(request.method(), request.path(), ANSWER_LOST));
                exchange.getResponseBody().close();
                return;
            }
            calls.add(new Call(request.method(), request.path(), response.status()));
            write(exchange, response);
            land(request, true);
        }
    }

    /** Takes the call without answering it; it lands with a later call (or {@link #landHeld()}). */
    private void hold(HttpExchange exchange, Request request, Faults.Held hold) throws IOException {
        synchronized (held) {
            held.add(new HeldCall(request, hold));
        }
        calls.add(new Call(request.method(), request.path(), HELD));
        sleep(hold.holdMillis());
        exchange.getResponseBody().close();
    }

    /** Lands the held writes that {@code later} lands: a call met before handling it, or after answering it. */
    private void land(Request later, boolean answered) {
        landWhere(call -> call.hold().afterAnswer() == answered && call.hold().landsWith().test(later));
    }

    private void landWhere(Predicate<HeldCall> landing) {
        synchronized (held) {
            for (Iterator<HeldCall> it = held.iterator(); it.hasNext(); ) {
                HeldCall call = it.next();
                if (landing.test(call)) {
                    it.remove();
                    try {
                        handle(call.request());
                    } catch (RuntimeException e) {
                        // a write that fails when it lands has no effect, as its answer would have said
                    }
                }
            }
        }
    }

    private record HeldCall(Request request, Faults.Held hold) {
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        URI uri = exchange.getRequestURI();
        return new Request(exchange.getRequestMethod(), uri, uri.getRawPath(), query(uri.getRawQuery()), headers,
                body, body.length > MAX_BODY_BYTES);
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(name, value);
            }
        }
        return query;
    }

    /** True when the request carries the sandbox managed identity's token. */
    protected static boolean authorized(Request request) {
        return ("Bearer " + SandboxCredential.TOKEN).equals(request.headers().get("authorization"));
    }

    protected static ObjectNode error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The status recorded for a call that was handled but whose answer was dropped. */
    public static final int ANSWER_LOST = -2;

    /** The status recorded for a call held unanswered, whose effect lands later. */
    public static final int HELD = -3;

    /** One answered call, for counting remote calls in tests and benchmarks. */
    public record Call(String method, String path, int status) {
    }

    public record Request(String method, URI uri, String path, Map<String, String> query,
                          Map<String, String> headers, byte[] body, boolean oversize) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {

        public static Response json(int status, JsonNode body) {
            try {
                return new Response(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                        JSON.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Response empty(int status) {
            return new Response(status, Map.of(), new byte[0]);
        }

        public static Response text(int status, String contentType, String body) {
            return new Response(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
        }

        public Response withHeader(String name, String value) {
            Map<String, String> headers = new LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Response(status, headers, body);
        }
    }
}
