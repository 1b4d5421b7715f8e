package io.kvrotator.reliability.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.ReliabilityFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Model-based safety test (DESIGN.md section 4, "Proof beyond examples"): random sequences of near-expiry and
 * expired events (fresh, duplicated, stale, redelivered), manual rotations, revocations, sweeps, clock steps and
 * hostile retags, run by two workers over the sandbox and the real SDK clients, with faults at any remote call
 * (429, 5xx, reset, timeout, applied but unanswered), lease loss, a paused worker overtaken by the other, and a
 * worker dying between steps. Besides a storage key and an app secret, each sequence's vault holds a credential of
 * one more registered type ({@link KeyedCredential}; every type is met in turn, as a key or a connection string).
 * After every operation the invariants of {@link Invariants} are checked. A violation
 * is shrunk to a shorter sequence that still violates, and printed with its seed.
 *
 * <p>{@code mvn verify} runs it for {@code -Dsafety.seconds} (default 120); {@code -Dsafety.long} runs
 * {@code -Dsafety.sequences} (default 10,000) sequences whatever they take; {@code -Dsafety.seed} replays a seed.
 */
class SafetyModelTest {

    private static final int SHRINK_RUNS = 120;
    private static final int BATCH = 250;

    @Test
    @DisplayName("no generated sequence of events, requests, faults and worker failures breaks a safety invariant")
    void invariantsHoldOverGeneratedSequences() {
        boolean longMode = System.getProperty("safety.long") != null;
        long seed = Long.getLong("safety.seed", System.nanoTime());
        int sequences = Integer.getInteger("safety.sequences", longMode ? 10_000 : Integer.MAX_VALUE);
        long deadline = longMode ? Long.MAX_VALUE
                : System.nanoTime() + Duration.ofSeconds(Long.getLong("safety.seconds", 120)).toNanos();
        World.Figures figures = new World.Figures();
        World world = new World(figures);
        try {
            for (int i = 0; i < sequences && System.nanoTime() < deadline; i++) {
                if (i > 0 && i % BATCH == 0) {
                    world.close();
                    world = new World(figures);
                }
                long sequenceSeed = seed + i;
                List<Action> actions = Sequences.generate(sequenceSeed);
                KeyedCredential.Choice keyed = KeyedCredential.Choice.forSeed(sequenceSeed);
                Failure failure = run(world, actions, keyed);
                figures.sequences.incrementAndGet();
                figures.keyedTypes.computeIfAbsent(keyed.fixture().credentialType(), type -> new AtomicInteger())
                        .incrementAndGet();
                if (failure != null) {
                    figures.violations.incrementAndGet();
                    List<Action> shrunk = shrink(world, actions.subList(0, failure.at() + 1), keyed);
                    Failure again = run(world, shrunk, keyed);
                    ReliabilityFigures.print("safety-model", figures.describe());
                    assertThat(failure.violations()).as("seed %d, keyed secret %s (replay with -Dsafety.seed=%d"
                            + " -Dsafety.sequences=1); shrunk to %d actions:%n%s%nits violations: %s", sequenceSeed,
                            keyed, sequenceSeed, shrunk.size(), describe(shrunk),
                            again == null ? "none (flaky)" : again.violations())
                            .isEmpty();
                }
                if (longMode && i % 500 == 499) {
                    ReliabilityFigures.print("safety-model-progress", figures.describe());
                }
            }
        } finally {
            world.close();
        }
        ReliabilityFigures.print("safety-model", "seed=" + seed + " " + figures.describe());
        assertThat(figures.sequences.get()).as("sequences run").isPositive();
    }

    private record Failure(int at, List<String> violations) {
    }

    /** Runs one sequence in a fresh scenario; the first action after which an invariant fails, or null. */
    private static Failure run(World world, List<Action> actions, KeyedCredential.Choice keyed) {
        try (LogCapture logs = LogCapture.start()) {
            Scenario scenario = world.newScenario(keyed);
            Runner runner = new Runner(world);
            Invariants invariants = new Invariants(world, scenario, logs.lines().size());
            for (int at = 0; at < actions.size(); at++) {
                Runner.Observed observed = new Runner.Observed();
                world.clock.advance(Duration.ofMinutes(1));
                runner.run(scenario, actions.get(at), observed);
                List<String> violations = invariants.check(observed, logs.lines());
                if (!violations.isEmpty()) {
                    return new Failure(at, violations);
                }
            }
            for (Scenario.Secret secret : Scenario.Secret.values()) {
                world.figures.newVersions.computeIfAbsent(secret.name(), name -> new AtomicInteger()).addAndGet(
                        world.sandbox.keyVault.versions(scenario.vault, Scenario.name(secret)).size() - 1);
            }
            return null;
        }
    }

    /** Drops actions, then faults and interruptions, as long as the sequence still violates an invariant. */
    private static List<Action> shrink(World world, List<Action> failing, KeyedCredential.Choice keyed) {
        List<Action> current = new ArrayList<>(failing);
        int runs = 0;
        boolean smaller = true;
        while (smaller && runs < SHRINK_RUNS) {
            smaller = false;
            for (int i = current.size() - 1; i >= 0 && runs < SHRINK_RUNS; i--) {
                List<Action> candidate = new ArrayList<>(current);
                candidate.remove(i);
                runs++;
                if (!candidate.isEmpty() && run(world, candidate, keyed) != null) {
                    current = candidate;
                    smaller = true;
                }
            }
        }
        return current;
    }

    private static String describe(List<Action> actions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < actions.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(actions.get(i)).append('\n');
        }
        return text.toString();
    }
}
