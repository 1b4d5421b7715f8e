package io.kvrotator.benchmark;

import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.KeyVaultEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Fresh JVMs to the first event handled and to the first HTTP response. The stand-ins run in this JVM, so a child
 * ({@link StartupProbe}) pays only for what a worker would: starting the JVM, loading the functions, building the
 * context and handling its first invocation. The local host stands in for the Functions runtime; its start is
 * reported apart. No latency is injected: the rotation table gives the cost of the calls.
 */
final class StartupBenchmark {

    private static final int RUNS = 3;
    private static final String VAULT = "kv-bench-startup";
    private static final Instant NOW = Instant.now();
    private static final String SUBSCRIPTION = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    private HttpClient client;
    private final String functionKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    String run(Targets targets, LeakGuard guard) throws Exception {
        Table table = new Table("Start-up: a fresh JVM to its first answer, median of " + RUNS + " runs (ms)",
                "first invocation", "JVM start", "context built", "first invocation handled", "app total",
                "local host start (not app)", "spawn to answer", "classes loaded by the app");
        try (Sandbox sandbox = Sandbox.start(Clock.systemUTC())) {
            Map<String, String> settings = sandbox.appSettings(VAULT);
            // Built once the sandbox's trust store is in place; its first request would otherwise count against the
            // first child.
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            client.send(HttpRequest.newBuilder(URI.create(sandbox.keyVault.baseUrl() + "/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            List<Run> events = new ArrayList<>();
            List<Run> statuses = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                String event = seedNearExpiry(sandbox, "STARTUP-EVENT-KEY-" + i);
                events.add(child(settings, guard, base -> HttpRequest.newBuilder(URI.create(base
                                + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry"))
                        .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + event + "]")).build()));
                seedNearExpiry(sandbox, "STARTUP-STATUS-KEY-" + i);
                String name = "STARTUP-STATUS-KEY-" + i;
                statuses.add(child(settings, guard, base -> HttpRequest.newBuilder(URI.create(base + "/api/secrets/"
                        + VAULT + "/" + name)).header("x-functions-key", functionKey).GET().build()));
            }
            long rotated = sandbox.keyVault.secrets(VAULT).values().stream().filter(versions -> versions.size() == 2)
                    .count();
            targets.check("start-up: every first event rotated its secret", rotated == RUNS);
            row(table, "event: SecretNearExpiry, storage key rotated", events);
            row(table, "HTTP: GET /api/secrets/{vault}/{name}", statuses);
        }
        return table
                .note("JVM start: spawn to main(). Context built: AppContext from the app settings (SDK clients are"
                        + " built on first use). First invocation handled: the request sent to its answer, the"
                        + " rotation's or status read's remote calls included (no injected latency). App total = the"
                        + " three: what a worker pays before its first answer. The local host (function discovery"
                        + " and HTTP server) stands in for the Functions runtime.")
                .render() + "\n" + PackageSize.measure(Path.of("target", "azure-functions", "kv-rotator"),
                Path.of("target", "benchmark", "kv-rotator.zip")).render();
    }

    private static void row(Table table, String invocation, List<Run> runs) {
        table.row(invocation, median(runs, Run::jvmStart), median(runs, Run::context), median(runs, Run::firstAnswer),
                median(runs, run -> run.jvmStart() + run.context() + run.firstAnswer()), median(runs, Run::host),
                median(runs, Run::total), median(runs, Run::appClasses));
    }

    private static long median(List<Run> runs, ToLongFunction<Run> figure) {
        return Math.round(Figures.median(runs.stream().map(run -> (double) figure.applyAsLong(run)).toList()));
    }

    private String seedNearExpiry(Sandbox sandbox, String name) {
        String account = SUBSCRIPTION + "/resourceGroups/rg-startup/providers/Microsoft.Storage/storageAccounts/st"
                + name.toLowerCase().replace("-", "");
        Instant expires = NOW.plus(Duration.ofDays(20));
        String version = sandbox.keyVault.seedSecret(VAULT, name, sandbox.arm.createAccount(account), Map.of(
                "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", account),
                NOW.minus(Duration.ofDays(40)), expires);
        return KeyVaultEvents.nearExpiry(VAULT, name, version, expires, NOW);
    }

    /** Starts a fresh worker, sends it one request when it is ready, and times the steps. */
    private Run child(Map<String, String> settings, LeakGuard guard,
                      java.util.function.Function<String, HttpRequest> firstRequest) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType")) {
            command.add("-D" + property + "=" + System.getProperty(property));
        }
        command.add(StartupProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(settings);
        builder.environment().put(StartupProbe.FUNCTION_KEY, functionKey);
        long spawned = System.currentTimeMillis();
        Process process = builder.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "startup-probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            Map<String, long[]> milestones = new LinkedHashMap<>();
            StringBuilder said = new StringBuilder();
            String baseUrl = null;
            HttpResponse<String> answer = null;
            long sent = 0;
            long answered = 0;
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                said.append(line).append('\n');
                String[] words = line.split(" ");
                if (words.length == 4 && words[0].equals("PROBE")) {
                    milestones.put(words[1], new long[] {Long.parseLong(words[2]), Long.parseLong(words[3])});
                } else if (words.length == 3 && words[0].equals("PROBE") && words[1].equals("ready")) {
                    baseUrl = words[2];
                    sent = System.currentTimeMillis();
                    answer = client.send(firstRequest.apply(baseUrl), HttpResponse.BodyHandlers.ofString());
                    answered = System.currentTimeMillis();
                    process.getOutputStream().close();
                }
            }
            guard.include(said.toString());
            guard.include(answer == null ? "" : answer.body());
            if (!process.waitFor(30, TimeUnit.SECONDS) || answer == null) {
                throw new IllegalStateException("the start-up probe did not answer within " + CHILD_TIMEOUT
                        + " (exit " + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the first request got " + answer.statusCode());
            }
            long[] main = milestones.get("main");
            long[] host = milestones.get("host");
            long[] context = milestones.get("context");
            long[] done = milestones.get("answered");
            return new Run(main[0] - spawned, host[0] - main[0], context[0] - host[0], answered - sent,
                    answered - spawned, (context[1] - host[1]) + (done[1] - context[1]));
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            watchdog.interrupt();
        }
    }

    /** One child's steps, in milliseconds; the classes its app code loaded (context and first invocation). */
    private record Run(long jvmStart, long host, long context, long firstAnswer, long total, long appClasses) {
    }
}
