package io.kvrotator.benchmark;

import io.kvrotator.app.AppContext;
import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.KeyVaultEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst of near-expiry events for distinct storage-key secrets in one vault, delivered concurrently to the Event
 * Grid function while the sandbox enforces Key Vault's write limit: time to finish against the earliest time the
 * limit allows, with every call delayed by the injected latency.
 */
final class BurstBenchmark {

    static final int EVENTS = 1000;
    static final int DELIVERIES_AT_ONCE = 32;
    static final int WRITES_PER_10S = 300;
    private static final int WARM_UP_EVENTS = 100;
    private static final int MAX_WARM_UP_ROUNDS = 8;
    /** Before a rotation's write: read, re-read, regenerate, verify; then the write and two notices. */
    private static final int CALLS_AROUND_THE_WRITES = 7;
    private static final String VAULT = "kv-bench-burst";
    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final String SUBSCRIPTION = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID;

    private final long latencyMillis;

    BurstBenchmark(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    Table run(Targets targets) throws Exception {
        ExecutorService deliveries = Executors.newFixedThreadPool(DELIVERIES_AT_ONCE);
        try (Sandbox sandbox = Sandbox.start(new MutableClock(NOW))) {
            List<String> vaults = new ArrayList<>(List.of(VAULT));
            for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
                vaults.add(warmUpVault(round));
            }
            AppContext.install(sandbox.appContext(sandbox.appSettings(vaults.toArray(String[]::new))));
            sandbox.standIns().forEach(standIn -> standIn.faults(Faults.latency(latencyMillis)));
            KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
            // Each warm-up round has a vault of its own, so none of them uses up the measured vault's write limit.
            AtomicInteger round = new AtomicInteger();
            List<Double> warmUpSeconds = new ArrayList<>();
            int warmUpRounds = WarmUp.untilCompiled(() -> {
                List<String> warmUpEvents = seed(sandbox, warmUpVault(round.incrementAndGet()), WARM_UP_EVENTS);
                long roundStarted = System.nanoTime();
                if (deliver(functions, deliveries, warmUpEvents) > 0) {
                    throw new IllegalStateException("a warm-up delivery failed");
                }
                warmUpSeconds.add(Figures.millisSince(roundStarted) / 1000);
            }, MAX_WARM_UP_ROUNDS);

            List<String> events = seed(sandbox, VAULT, EVENTS);
            sandbox.keyVault.clearCalls();
            int throttledBefore = sandbox.keyVault.throttledCalls();
            long started = System.nanoTime();
            int failed = deliver(functions, deliveries, events);
            double seconds = Figures.millisSince(started) / 1000;

            long rotated = sandbox.keyVault.secrets(VAULT).values().stream().filter(versions -> versions.size() == 2)
                    .count();
            long writes = sandbox.keyVault.calls().stream()
                    .filter(call -> call.method().equals("PUT") && call.status() == 200).count();
            double bound = throttleBoundSeconds();
            String met = targets.check("burst: every event rotated, none failed, within 1.25x of the throttle bound",
                    failed == 0 && rotated == EVENTS && seconds <= 1.25 * bound);
            return new Table("Burst: " + EVENTS + " near-expiry events for distinct secrets in one vault, "
                    + DELIVERIES_AT_ONCE + " delivered at once, " + WRITES_PER_10S + " secret writes per 10 s enforced, "
                    + latencyMillis + " ms per call", "events", "rotated", "failed", "secret writes", "429s",
                    "time to finish s", "throttle bound s", "time / bound", "within 1.25x, none failed")
                    .row(EVENTS, rotated, failed, writes, sandbox.keyVault.throttledCalls() - throttledBefore,
                            Figures.fixed(seconds, 1), Figures.fixed(bound, 1), Figures.ratio(seconds, bound), met)
                    .note("Throttle bound: Key Vault's sliding window lets " + WRITES_PER_10S + " writes through at"
                            + " once, then " + WRITES_PER_10S + " per 10 s, so the last of " + EVENTS + " writes comes"
                            + " at least " + (windowsAfterTheFirst() * 10) + " s after the first; add the calls of a"
                            + " rotation before its write, the write, and the calls after it (" + CALLS_AROUND_THE_WRITES
                            + " x " + latencyMillis + " ms). The steady-rate figure, " + EVENTS + " / " + WRITES_PER_10S
                            + " x 10 s = " + Figures.fixed(EVENTS * 10.0 / WRITES_PER_10S, 1) + " s, is looser.")
                    .note("A warm worker: first " + warmUpRounds + " rounds of " + WARM_UP_EVENTS + " events, each"
                            + " round in a vault of its own, to let the JIT compiler settle. In the fresh worker the"
                            + " first round took " + Figures.fixed(warmUpSeconds.get(0), 1) + " s, the last "
                            + Figures.fixed(warmUpSeconds.get(warmUpSeconds.size() - 1), 1) + " s (compiling and"
                            + " building clients for " + DELIVERIES_AT_ONCE + " deliveries at once on "
                            + Runtime.getRuntime().availableProcessors() + " cores). kv-rotator paces its writes to"
                            + " each vault's limit, with a margin for the time a call takes to arrive, so a 429 here"
                            + " is a write that still arrived too early (the SDK retries it after Retry-After).");
        } finally {
            AppContext.install(null);
            deliveries.shutdownNow();
        }
    }

    /** Delivers every event, {@link #DELIVERIES_AT_ONCE} at a time; returns how many deliveries failed. */
    private static int deliver(KeyVaultEventFunctions functions, ExecutorService deliveries, List<String> events) {
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> pending = new ArrayList<>();
        for (String event : events) {
            pending.add(deliveries.submit(() -> {
                try {
                    functions.secretNearExpiry(event, null);
                } catch (RuntimeException e) {
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

    /** Storage-key secrets near expiry, each of its own account; returns their near-expiry events. */
    private static List<String> seed(Sandbox sandbox, String vault, int count) {
        sandbox.keyVault.createVault(vault);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = SUBSCRIPTION + "/resourceGroups/rg-burst/providers/Microsoft.Storage/storageAccounts/"
                    + "st" + vault.replace("-", "") + i;
            String name = "BURST-KEY-" + i;
            Instant expires = NOW.plus(Duration.ofDays(25));
            String version = sandbox.keyVault.seedSecret(vault, name, sandbox.arm.createAccount(account), Map.of(
                    "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", account),
                    NOW.minus(Duration.ofDays(60)), expires);
            events.add(KeyVaultEvents.nearExpiry(vault, name, version, expires, NOW));
        }
        return events;
    }

    private static String warmUpVault(int round) {
        return VAULT + "-warm-" + round;
    }

    private static int windowsAfterTheFirst() {
        return (EVENTS + WRITES_PER_10S - 1) / WRITES_PER_10S - 1;
    }

    private double throttleBoundSeconds() {
        return windowsAfterTheFirst() * 10 + CALLS_AROUND_THE_WRITES * latencyMillis / 1000.0;
    }
}
