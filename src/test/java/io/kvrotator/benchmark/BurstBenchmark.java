package io.kvrotator.benchmark;

import io.kvrotator.sandbox.Faults;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst of near-expiry events for distinct storage-key secrets spread over several vaults, delivered concurrently
 * to a fresh worker JVM ({@link WorkerProcess}, the staged package) through the Event Grid webhook of its local host,
 * while the sandbox enforces Key Vault's write limit on each vault: time to finish against the earliest time the
 * limits allow, with every stand-in call delayed by the injected latency; then the worker's memory.
 */
final class BurstBenchmark {

    static final int VAULTS = 10;
    static final int EVENTS_PER_VAULT = 1000;
    static final int DELIVERIES_AT_ONCE = 128;
    static final int WRITES_PER_10S = 300;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int WARM_UP_EVENTS_PER_VAULT = 50;
    /** Before a rotation's write: read, re-read, regenerate, verify; then the write and two notices. */
    private static final int CALLS_AROUND_THE_WRITES = 7;
    private static final String VAULT = "kv-bench-burst-";
    /** The worker runs on the system clock: so does the sandbox here. */
    private static final Instant NOW = Instant.now();
    private static final String SUBSCRIPTION = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID;

    private final long latencyMillis;
    private final String functionKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    BurstBenchmark(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    Table run(Targets targets, LeakGuard guard) throws Exception {
        ExecutorService deliveries = Executors.newFixedThreadPool(DELIVERIES_AT_ONCE);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Sandbox sandbox = Sandbox.start(Clock.systemUTC())) {
            List<String> vaults = new ArrayList<>();
            List<String> warmUpVaults = new ArrayList<>();
            for (int v = 0; v < VAULTS; v++) {
                vaults.add(VAULT + v);
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    warmUpVaults.add(VAULT + "warm-" + round + "-" + v);
                }
            }
            List<String> all = new ArrayList<>(vaults);
            all.addAll(warmUpVaults);
            Map<String, String> settings = sandbox.appSettings(all.toArray(String[]::new));
            sandbox.standIns().forEach(standIn -> standIn.faults(Faults.latency(latencyMillis)));
            try (WorkerProcess worker = WorkerProcess.start(settings, functionKey, DELIVERIES_AT_ONCE)) {
                String url = worker.awaitReady() + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry";
                // Rounds in vaults of their own, so that none uses up a measured vault's write limit.
                List<Double> warmUpSeconds = new ArrayList<>();
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    List<String> events = seed(sandbox, warmUpVaults.subList(round * VAULTS, (round + 1) * VAULTS),
                            WARM_UP_EVENTS_PER_VAULT);
                    long started = System.nanoTime();
                    if (deliver(http, deliveries, url, events) > 0) {
                        throw new IllegalStateException("a warm-up delivery failed");
                    }
                    warmUpSeconds.add(Figures.millisSince(started) / 1000);
                }
                WorkerProcess.Memory warm = worker.memory();

                List<String> events = seed(sandbox, vaults, EVENTS_PER_VAULT);
                sandbox.keyVault.clearCalls();
                int throttledBefore = sandbox.keyVault.throttledCalls();
                CpuTime cpuBefore = CpuTime.now(worker.pid());
                long started = System.nanoTime();
                int failed = deliver(http, deliveries, url, events);
                double seconds = Figures.millisSince(started) / 1000;
                CpuTime cpu = CpuTime.now(worker.pid()).since(cpuBefore);
                WorkerProcess.Memory after = worker.memory();
                guard.include(worker.said());

                long rotated = vaults.stream().mapToLong(vault -> sandbox.keyVault.secrets(vault).values().stream()
                        .filter(versions -> versions.size() == 2).count()).sum();
                long writes = sandbox.keyVault.calls().stream()
                        .filter(call -> call.method().equals("PUT") && call.status() == 200).count();
                int total = VAULTS * EVENTS_PER_VAULT;
                double bound = throttleBoundSeconds();
                String met = targets.check("burst: " + total + " events over " + VAULTS + " vaults all rotated, none"
                        + " failed, within 1.10x of the throttle bound", failed == 0 && rotated == total
                        && seconds <= 1.10 * bound);
                String memoryMet = targets.check("burst: the worker's resident set after the bursts at most 512 MiB",
                        after.rss() <= 512L * 1024 * 1024);
                return new Table("Burst: " + total + " near-expiry events for distinct secrets over " + VAULTS
                        + " vaults, " + DELIVERIES_AT_ONCE + " delivered at once to a fresh worker, " + WRITES_PER_10S
                        + " secret writes per 10 s enforced on each vault, " + latencyMillis + " ms per call",
                        "events", "rotated", "failed", "secret writes", "429s", "time to finish s",
                        "throttle bound s", "time / bound", "within 1.10x, none failed", "worker RSS MiB",
                        "heap used / committed MiB")
                        .row(total, rotated, failed, writes, sandbox.keyVault.throttledCalls() - throttledBefore,
                                Figures.fixed(seconds, 1), Figures.fixed(bound, 1), Figures.ratio(seconds, bound), met,
                                after.rssMiB() + " (<= 512: " + memoryMet + ")", after.heapMiB())
                        .note("Throttle bound: each vault is paced on its own. Key Vault's sliding window lets "
                                + WRITES_PER_10S + " writes to a vault through at once, then " + WRITES_PER_10S
                                + " per 10 s, so the last of a vault's " + EVENTS_PER_VAULT + " writes comes at least "
                                + (windowsAfterTheFirst() * 10) + " s after its first, whatever the other vaults do;"
                                + " add the calls of a rotation before its write, the write, and the calls after it ("
                                + CALLS_AROUND_THE_WRITES + " x " + latencyMillis + " ms).")
                        .note("A warm worker: " + WARM_UP_ROUNDS + " rounds of " + WARM_UP_EVENTS_PER_VAULT * VAULTS
                                + " events first, each in vaults of their own (" + warmUpSeconds.stream()
                                .map(s -> Figures.fixed(s, 1)).toList() + " s; worker after them: RSS "
                                + warm.rssMiB() + " MiB, heap " + warm.heapMiB() + " MiB). Memory after a full"
                                + " collection, the worker's heap capped as on a " + WorkerProcess.INSTANCE_MEMORY
                                + " instance. kv-rotator paces its writes to each vault's limit, with a margin for the"
                                + " time a call takes to arrive, so a 429 here is a write that still arrived too early"
                                + " (the SDK retries it after Retry-After).")
                        .note(cpuNote(cpu, seconds, total, bound));
            }
        } finally {
            deliveries.shutdownNow();
        }
    }

    /**
     * Where the burst's CPU went: on 2 cores the worker shares them with the stand-ins, Azurite and anything else the
     * machine runs; its own CPU per rotation says how fast it could go with the cores to itself.
     */
    private static String cpuNote(CpuTime cpu, double seconds, int rotations, double bound) {
        int cores = Runtime.getRuntime().availableProcessors();
        double alone = cpu.worker() / cores;
        return "CPU during the burst (" + cores + " cores x " + Figures.fixed(seconds, 1) + " s = "
                + Figures.fixed(cores * seconds, 1) + " CPU s): the worker " + Figures.fixed(cpu.worker(), 1)
                + " s (" + Figures.fixed(1000 * cpu.worker() / rotations, 1) + " ms per rotation), this JVM's"
                + " stand-ins and deliveries " + Figures.fixed(cpu.benchmark(), 1) + " s, Azurite and the other"
                + " servers " + Figures.fixed(cpu.servers(), 1) + " s, other processes " + Figures.fixed(cpu.others(),
                1) + " s. With the " + cores + " cores to itself the worker would need at least "
                + Figures.fixed(alone, 1) + " s of CPU time for the burst (" + Figures.ratio(alone, bound)
                + " of the bound).";
    }

    /** Delivers every event as Event Grid would, {@link #DELIVERIES_AT_ONCE} at a time; returns how many failed. */
    private static int deliver(HttpClient http, ExecutorService deliveries, String url, List<String> events) {
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> pending = new ArrayList<>();
        for (String event : events) {
            pending.add(deliveries.submit(() -> {
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString("[" + event + "]"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }));
        }
        try {
            for (Future<?> delivery : pending) {
                delivery.get(5, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("a delivery did not finish within 5 minutes", e);
        }
        return failed.get();
    }

    /** Storage-key secrets near expiry, each of its own account; their events, the vaults taking turns. */
    private static List<String> seed(Sandbox sandbox, List<String> vaults, int perVault) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < perVault; i++) {
            for (String vault : vaults) {
                String account = SUBSCRIPTION + "/resourceGroups/rg-burst/providers/Microsoft.Storage/storageAccounts/"
                        + "st" + vault.replace("-", "") + i;
                String name = "BURST-KEY-" + i;
                Instant expires = NOW.plus(Duration.ofDays(25));
                String version = sandbox.keyVault.seedSecret(vault, name, sandbox.arm.createAccount(account), Map.of(
                        "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", account),
                        NOW.minus(Duration.ofDays(60)), expires);
                events.add(KeyVaultEvents.nearExpiry(vault, name, version, expires, NOW));
            }
        }
        return events;
    }

    private static int windowsAfterTheFirst() {
        return (EVENTS_PER_VAULT + WRITES_PER_10S - 1) / WRITES_PER_10S - 1;
    }

    private double throttleBoundSeconds() {
        return windowsAfterTheFirst() * 10 + CALLS_AROUND_THE_WRITES * latencyMillis / 1000.0;
    }
}
