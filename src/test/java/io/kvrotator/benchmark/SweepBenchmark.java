package io.kvrotator.benchmark;

import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.KeyVaultStandIn;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.sweep.ExpiryScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily sweep over many large vaults, every call delayed by the injected latency: Key Vault calls per vault
 * against the list-only lower bound, and wall time against the bound for the scanner's concurrency. Nothing in the
 * estate is within an alert threshold, so a sweep is the scan plus one alert-record read per scope.
 */
final class SweepBenchmark {

    static final int VAULTS = 50;
    static final int SECRETS_PER_VAULT = 1000;
    static final int CERTIFICATES_PER_VAULT = 40;
    private static final int SCANS = 3;
    private static final int MAX_WARM_UP_SCANS = 12;
    /** The worker runs on the system clock: so does the sandbox here. */
    private static final Instant NOW = Instant.now();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long latencyMillis;
    private final String functionKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    SweepBenchmark(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    Table run(Targets targets, LeakGuard guard) throws Exception {
        int pagesPerVault = pages(SECRETS_PER_VAULT) + pages(CERTIFICATES_PER_VAULT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Sandbox sandbox = Sandbox.start(Clock.systemUTC())) {
            String[] vaults = new String[VAULTS];
            for (int v = 0; v < VAULTS; v++) {
                vaults[v] = "kv-bench-sweep-%02d".formatted(v + 1);
                sandbox.keyVault.createVault(vaults[v]);
                seed(sandbox, vaults[v]);
            }
            int concurrency = ExpiryScanner.DEFAULT_CONCURRENCY;
            double bound = boundPages(pagesPerVault, concurrency) * latencyMillis / 1000.0;
            sandbox.standIns().forEach(standIn -> standIn.faults(Faults.latency(latencyMillis)));
            // Key Vault's servers are warm; the stand-ins, in this JVM, are not until its JIT compiler has settled on
            // serving scans. A worker that is then stopped scans until it has, so that the measured worker's first
            // scan pays for its own cold start only (without this the stand-ins used as much CPU as the worker
            // during that scan, most of it this JVM's compiler).
            int standInWarmUpScans;
            try (WorkerProcess standInWarmUp = WorkerProcess.start(sandbox.appSettings(vaults), functionKey, 2)) {
                String warmUpUrl = standInWarmUp.awaitReady();
                standInWarmUpScans = WarmUp.untilCompiled(() -> call(http, warmUpUrl, "GET",
                        "/api/expiries?withinDays=0", 200), WarmUp::compiledMillisHere, MAX_WARM_UP_SCANS);
            }
            try (WorkerProcess worker = WorkerProcess.start(sandbox.appSettings(vaults), functionKey, 2)) {
                String baseUrl = worker.awaitReady();
                Runnable scan = () -> call(http, baseUrl, "GET", "/api/expiries?withinDays=0", 200);
                Run cold = timed(sandbox, worker, scan);
                int warmUpScans = WarmUp.untilCompiled(scan, worker::compilationMillis, MAX_WARM_UP_SCANS);
                call(http, baseUrl, "POST", "/admin/functions/ExpirySweep", 202);
                List<Run> scans = new ArrayList<>();
                for (int round = 0; round < SCANS; round++) {
                    scans.add(timed(sandbox, worker, scan));
                }
                Run warm = scans.stream().sorted((a, b) -> Double.compare(a.seconds(), b.seconds())).toList()
                        .get(SCANS / 2);
                Run sweep = timed(sandbox, worker, () -> call(http, baseUrl, "POST", "/admin/functions/ExpirySweep",
                        202));
                guard.include(worker.said());
                return table(targets, pagesPerVault, concurrency, bound, cold, warm, sweep, scans, warmUpScans,
                        standInWarmUpScans);
            }
        }
    }

    private Table table(Targets targets, int pagesPerVault, int concurrency, double bound, Run cold, Run scan,
                        Run sweep, List<Run> scans, int warmUpScans, int standInWarmUpScans) {
        Table table = new Table("Sweep cost: " + VAULTS + " vaults x " + SECRETS_PER_VAULT + " secrets + "
                + CERTIFICATES_PER_VAULT + " certificates, " + latencyMillis + " ms per call, " + concurrency
                + " vaults listed at once, in a fresh worker JVM serving the staged package", "run",
                "Key Vault calls per vault", "lower bound", "ratio", "per-secret reads", "429s", "wall s", "bound s",
                "wall / bound", "within 1.25x", "worker CPU s", "stand-ins' CPU s", "other processes' CPU s");
        row(table, targets, "first scan, fresh worker", cold, pagesPerVault, bound,
                targets.check("first scan in a fresh worker: wall time within 1.25x of its bound, no 429",
                        cold.seconds() <= 1.25 * bound && cold.throttled() == 0));
        row(table, targets, "scan, warm worker (median of " + SCANS + ")", scan, pagesPerVault, bound,
                targets.check("warm scan: wall time within 1.25x of its bound, no 429",
                        scan.seconds() <= 1.25 * bound && scan.throttled() == 0));
        row(table, targets, "ExpirySweep timer, warm worker", sweep, pagesPerVault, bound, "(see below)");
        return table
                .note("Lower bound per vault: ceil(" + SECRETS_PER_VAULT + " / 25) + ceil(" + CERTIFICATES_PER_VAULT
                        + " / 25) = " + pagesPerVault + " list calls (Key Vault pages at 25), no per-secret read."
                        + " A vault's pages are read one after another (each names the next); " + concurrency
                        + " vaults are listed at once, so Key Vault sees at most one request per vault in flight,"
                        + " far inside its 4,000 reads per vault per 10 s.")
                .note("Wall-time bound: the busiest of " + concurrency + " workers lists ceil(" + VAULTS + " / "
                        + concurrency + ") vaults of " + pagesPerVault + " pages one after another, x "
                        + latencyMillis + " ms (the app registrations' one Graph page is listed beside them).")
                .note("A scan is one `GET /api/expiries?withinDays=0` to a worker JVM started as the Functions host"
                        + " starts the Java worker (" + String.join(" ", WorkerProcess.JAVA_WORKER_ARGUMENTS) + "),"
                        + " timed from the request to its answer; the first is the worker's first request, after"
                        + " another worker's " + standInWarmUpScans + " scans warmed the stand-ins (until this JVM's"
                        + " JIT compiler had settled). Warm"
                        + " worker: after the first scan, " + warmUpScans + " more (until the worker's JIT compiler"
                        + " had settled) and one timer run. Warm scans took " + scans.stream()
                        .map(run -> Figures.fixed(run.seconds(), 2)).toList() + " s.")
                .note("The ExpirySweep timer (`POST /admin/functions/ExpirySweep`) = the scan + the alert step: it"
                        + " reads each scope's alert record (" + VAULTS + " vaults + app registrations) from Azurite,"
                        + " which gets no injected latency, and checks "
                        + (VAULTS * (SECRETS_PER_VAULT + CERTIFICATES_PER_VAULT)) + " items against the thresholds: "
                        + Figures.fixed(sweep.seconds() - scan.seconds(), 2) + " s more than the median scan. No Key"
                        + " Vault call beyond the scan's.")
                .note("Other calls per scan: " + scan.calls().graphCalls() + " Graph (the app registrations list), "
                        + scan.calls().notices() + " notices; the timer run: " + sweep.calls().notices()
                        + " notices (digests). Key Vault's bearer challenge (401) is answered once per"
                        + " worker and vault host, then cached: " + cold.calls().challenges() + " in the first scan ("
                        + concurrency + " vaults began at once; the sandbox serves every vault from one host, Azure"
                        + " would challenge once per vault), " + scan.calls().challenges() + " after.")
                .note("CPU during the run, from /proc: the worker process (all its threads: the listing, TLS, JSON,"
                        + " the JIT compiler, GC); the stand-ins (the benchmark's own JVM, serving every call); other"
                        + " processes (Azurite and whatever else shares the machine). Two cores give at most 2 CPU s"
                        + " per wall second.");
    }

    /** Sends one request to the worker's local host and requires its status. */
    private void call(HttpClient http, String baseUrl, String method, String path, int status) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("x-functions-key", functionKey).timeout(Duration.ofMinutes(5))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != status || (path.startsWith("/api/expiries")
                    && !answer.body().contains("\"complete\":true"))) {
                throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode()
                        + (answer.statusCode() == status ? " with an incomplete report" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void row(Table table, Targets targets, String run, Run measured, int pagesPerVault, double bound,
                            String withinTarget) {
        VaultCalls calls = measured.calls();
        boolean exact = calls.perVault().size() == VAULTS && calls.fewestPerVault() == pagesPerVault
                && calls.mostPerVault() == pagesPerVault && calls.secretReads() == 0;
        String ratio = Figures.ratio(calls.mostPerVault(), pagesPerVault);
        table.row(run, calls.fewestPerVault() == calls.mostPerVault() ? calls.mostPerVault()
                        : calls.fewestPerVault() + "-" + calls.mostPerVault(), pagesPerVault,
                targets.check(run + ": Key Vault calls per vault = lower bound", exact).equals("yes") ? ratio
                        : ratio + " NO", calls.secretReads(), measured.throttled(), Figures.fixed(measured.seconds(), 2),
                Figures.fixed(bound, 2), Figures.ratio(measured.seconds(), bound), withinTarget,
                Figures.fixed(measured.cpu().worker(), 2), Figures.fixed(measured.cpu().benchmark(), 2),
                Figures.fixed(measured.cpu().servers() + measured.cpu().others(), 2));
    }

    /**
     * The work of the busiest worker, in pages: ceil(vaults / concurrency) vaults one after another (the app
     * registrations' page is listed beside the vaults, on a thread of its own).
     */
    static long boundPages(int pagesPerVault, int concurrency) {
        int rounds = (VAULTS + concurrency - 1) / concurrency;
        return (long) rounds * pagesPerVault;
    }

    private static int pages(int items) {
        return (items + KeyVaultStandIn.MAX_RESULTS - 1) / KeyVaultStandIn.MAX_RESULTS;
    }

    /**
     * Secrets expiring 31 to 730 days out (beyond every alert threshold), every tenth tagged for storage key
     * rotation, and certificates likewise.
     */
    private static void seed(Sandbox sandbox, String vault) {
        for (int i = 0; i < SECRETS_PER_VAULT; i++) {
            Map<String, String> tags = new TreeMap<>(Map.of("Owner", "team-" + (i % 7) + "@contoso.com"));
            if (i % 10 == 0) {
                tags.put("CredentialType", "StorageAccountKey");
                tags.put("CredentialId", "key1");
                tags.put("ProviderAddress", "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg/"
                        + "providers/Microsoft.Storage/storageAccounts/st" + vault.replace("-", "") + i);
            }
            byte[] value = new byte[24];
            RANDOM.nextBytes(value);
            sandbox.keyVault.seedSecret(vault, "SECRET-" + i, Base64.getEncoder().encodeToString(value), tags,
                    NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(31 + i % 700)));
        }
        for (int i = 0; i < CERTIFICATES_PER_VAULT; i++) {
            sandbox.keyVault.seedCertificate(vault, "cert-" + i, NOW.minus(Duration.ofDays(300)),
                    NOW.plus(Duration.ofDays(31 + (i * 17) % 700)), Map.of("Owner", "web-team@contoso.com"));
        }
    }

    private static Run timed(Sandbox sandbox, WorkerProcess worker, Runnable listing) {
        sandbox.standIns().forEach(StandIn::clearCalls);
        int throttledBefore = sandbox.keyVault.throttledCalls();
        CpuTime cpuBefore = CpuTime.now(worker.pid());
        long started = System.nanoTime();
        listing.run();
        double seconds = Figures.millisSince(started) / 1000;
        return new Run(seconds, VaultCalls.of(sandbox), sandbox.keyVault.throttledCalls() - throttledBefore,
                CpuTime.now(worker.pid()).since(cpuBefore));
    }

    /** One timed run; {@code cpu} is what the worker, the stand-ins and the rest of the machine used meanwhile. */
    private record Run(double seconds, VaultCalls calls, int throttled, CpuTime cpu) {
    }

    /** The calls one run made, Key Vault's by vault; bearer challenges apart. */
    record VaultCalls(Map<String, Integer> perVault, int secretReads, int challenges, int graphCalls, int notices) {

        static VaultCalls of(Sandbox sandbox) {
            Map<String, Integer> perVault = new TreeMap<>();
            int secretReads = 0;
            int challenges = 0;
            for (StandIn.Call call : sandbox.keyVault.calls()) {
                if (call.status() == 401) {
                    challenges++;
                    continue;
                }
                String[] segments = call.path().replaceAll("/+$", "").split("/");
                perVault.merge(segments[1], 1, Integer::sum);
                // "/{vault}/secrets" and "/{vault}/certificates" are lists; anything longer names one secret.
                if (segments.length > 3) {
                    secretReads++;
                }
            }
            long mails = sandbox.graph.calls().stream().filter(call -> call.path().endsWith("/sendMail")).count();
            return new VaultCalls(perVault, secretReads, challenges, sandbox.graph.calls().size() - (int) mails,
                    sandbox.teams.calls().size() + (int) mails);
        }

        int mostPerVault() {
            return perVault.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        int fewestPerVault() {
            return perVault.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        }
    }
}
