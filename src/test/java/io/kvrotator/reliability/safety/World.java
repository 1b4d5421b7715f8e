package io.kvrotator.reliability.safety;

import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stand-ins, the model's clock and the shared lock, kept across a batch of sequences (each sequence gets its
 * own vault and resources; a fresh world per batch keeps the stand-ins' state small).
 */
final class World implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T07:00:00Z"));
    final Sandbox sandbox = Sandbox.start(clock);
    final SteppedLock lock = new SteppedLock(clock);
    final Figures figures;
    private int scenarios;

    World(Figures figures) {
        this.figures = figures;
    }

    Scenario newScenario(KeyedCredential.Choice keyed) {
        return new Scenario(++scenarios, keyed, sandbox, clock, lock);
    }

    @Override
    public void close() {
        sandbox.close();
    }

    /** What the README's Reliability section quotes. */
    static final class Figures {
        final AtomicInteger sequences = new AtomicInteger();
        final AtomicInteger operations = new AtomicInteger();
        final AtomicLong invariantChecks = new AtomicLong();
        final AtomicInteger interruptions = new AtomicInteger();
        final AtomicInteger violations = new AtomicInteger();
        final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> keyedTypes = new ConcurrentHashMap<>();
        /** New versions the sequences left behind, per secret of the model: what shows they rotated at all. */
        final Map<String, AtomicInteger> newVersions = new ConcurrentHashMap<>();

        String describe() {
            Map<String, Integer> byKind = new TreeMap<>();
            faults.forEach((kind, count) -> byKind.put(kind, count.get()));
            int total = byKind.values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Integer> byType = new TreeMap<>();
            keyedTypes.forEach((type, count) -> byType.put(type, count.get()));
            Map<String, Integer> bySecret = new TreeMap<>();
            newVersions.forEach((secret, count) -> bySecret.put(secret, count.get()));
            return ("sequences=%d operations=%d faults=%d %s interruptions=%d invariantChecks=%d violations=%d"
                    + " keyedTypes=%s newVersions=%s").formatted(sequences.get(), operations.get(), total, byKind,
                    interruptions.get(), invariantChecks.get(), violations.get(), byType, bySecret);
        }
    }
}
