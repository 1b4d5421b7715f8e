package io.kvrotator.benchmark;

import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.KeyVaultEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Fresh JVMs to the first event handled and to the first HTTP response. The stand-ins run in this JVM, so a child
 * ({@link StartupProbe}) pays only for what a worker would: starting the JVM, loading the functions, building the
 * context and handling its first invocation. The local host stands in for the Functions runtime; its start is
 * reported apart. No latency is injected: the rotation table gives the cost of the calls.
 */
final class StartupBenchmark {

    /** Runs per first invocation; {@code -Dkvrotator.benchmark.startupRuns} takes more when the machine is noisy. */
    private static final int RUNS = Integer.getInteger("kvrotator.benchmark.startupRuns", 5);
    private static final String VAULT = "kv-bench-startup";
    private static final Instant NOW = Instant.now();
    private static final String SUBSCRIPTION = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID;

    private HttpClient client;
    private final String functionKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    String run(Targets targets, LeakGuard guard) throws Exception {
        Table table = new Table("Start-up: a fresh worker JVM serving the staged package, to its first answer,"
                + " median of " + RUNS + " runs (ms)", "first invocation", "JVM start", "context built",
                "first invocation handled", "app total", "local host start (not app)", "spawn to answer",
                "worker CPU, spawn to answer", "classes loaded by the app", "worker RSS MiB",
                "heap used / committed MiB");
        try (Sandbox sandbox = Sandbox.start(Clock.systemUTC())) {
            Map<String, String> settings = sandbox.appSettings(VAULT);
            // Built once the sandbox's trust store is in place; its first request would otherwise count against the
            // first child.
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            client.send(HttpRequest.newBuilder(URI.create(sandbox.keyVault.baseUrl() + "/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            List<Run> events = new ArrayList<>();
            List<Run> statuses = new ArrayList<>();
            // Azure's services are warm; the stand-ins, in this JVM, are not until they have served a first rotation
            // and status read. Run -1 does both, unmeasured.
            for (int i = -1; i < RUNS; i++) {
                String run = i < 0 ? "WARM-UP" : Integer.toString(i);
                String event = seedNearExpiry(sandbox, "STARTUP-EVENT-KEY-" + run);
                Run eventRun = child(settings, guard, base -> HttpRequest.newBuilder(URI.create(base
                                + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry"))
                        .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + event + "]")).build());
                String name = "STARTUP-STATUS-KEY-" + run;
                seedNearExpiry(sandbox, name);
                Run statusRun = child(settings, guard, base -> HttpRequest.newBuilder(URI.create(base
                        + "/api/secrets/" + VAULT + "/" + name)).header("x-functions-key", functionKey).GET().build());
                if (i >= 0) {
                    events.add(eventRun);
                    statuses.add(statusRun);
                }
            }
            long rotated = sandbox.keyVault.secrets(VAULT).values().stream().filter(versions -> versions.size() == 2)
                    .count();
            targets.check("start-up: every first event rotated its secret", rotated == RUNS + 1);
            row(table, "event: SecretNearExpiry, storage key rotated", events);
            row(table, "HTTP: GET /api/secrets/{vault}/{name}", statuses);
            targets.check("start-up: a fresh worker rotates its first storage key within 1.5 s app total",
                    median(events, run -> run.jvmStart() + run.context() + run.firstAnswer()) <= 1500);
            targets.check("start-up: the worker's resident set after its first rotation at most 256 MiB",
                    events.stream().allMatch(run -> run.memory().rss() <= 256L * 1024 * 1024));
        }
        return table
                .note("JVM start: spawn to main(). Context built: AppContext from the app settings (SDK clients are"
                        + " built on first use). First invocation handled: the request sent to its answer, the"
                        + " rotation's or status read's remote calls included (no injected latency). App total = the"
                        + " three: what a worker pays before its first answer. The local host (function discovery"
                        + " and HTTP server) stands in for the Functions runtime. The worker serves the staged"
                        + " package from a class loader of its own, as the Java worker does, and its memory is that"
                        + " of a " + WorkerProcess.INSTANCE_MEMORY + " instance (-XX:MaxRAM; heap at most a quarter);"
                        + " memory is read after the first answer and a full collection. One unmeasured run of"
                        + " each first warms the stand-ins. Worker CPU: user and system time of the worker process"
                        + " from its spawn to the answer, all threads (JIT compiler and GC included); more than the"
                        + " spawn-to-answer time means both cores were busy.")
                .render();
    }

    private static void row(Table table, String invocation, List<Run> runs) {
        Run middle = runs.stream().sorted(Comparator.comparingLong(run -> run.memory().rss())).toList()
                .get(runs.size() / 2);
        table.row(invocation, median(runs, Run::jvmStart), median(runs, Run::context), median(runs, Run::firstAnswer),
                median(runs, run -> run.jvmStart() + run.context() + run.firstAnswer()), median(runs, Run::host),
                median(runs, Run::total), median(runs, Run::cpu), median(runs, Run::appClasses),
                middle.memory().rssMiB(), middle.memory().heapMiB());
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

    /** Starts a fresh worker, sends it one request when it is ready, times the steps, and reads its memory. */
    private Run child(Map<String, String> settings, LeakGuard guard,
                      Function<String, HttpRequest> firstRequest) throws Exception {
        try (WorkerProcess worker = WorkerProcess.start(settings, functionKey, 8)) {
            String baseUrl = worker.awaitReady();
            long sent = System.currentTimeMillis();
            HttpResponse<String> answer = client.send(firstRequest.apply(baseUrl), HttpResponse.BodyHandlers.ofString());
            long answered = System.currentTimeMillis();
            long cpu = Math.round(CpuTime.now(worker.pid()).worker() * 1000);
            worker.mark("answered");
            WorkerProcess.Memory memory = worker.memory();
            guard.include(worker.said());
            guard.include(answer.body());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the first request got " + answer.statusCode());
            }
            long[] main = worker.milestone("main");
            long[] host = worker.milestone("host");
            long[] context = worker.milestone("context");
            long[] done = worker.milestone("answered");
            return new Run(main[0] - worker.spawnedMillis(), host[0] - main[0], context[0] - host[0],
                    answered - sent, answered - worker.spawnedMillis(), (context[1] - host[1]) + (done[1] - context[1]),
                    cpu, memory);
        }
    }

    /** One child's steps, in milliseconds; the classes its app code loaded (context and first invocation). */
    private record Run(long jvmStart, long host, long context, long firstAnswer, long total, long appClasses,
                       long cpu, WorkerProcess.Memory memory) {
    }
}
