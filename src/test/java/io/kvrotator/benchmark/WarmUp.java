package io.kvrotator.benchmark;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Repeats a round of work, under the conditions it will be measured in, until the JIT compiler has all but stopped
 * working on it: on 2 cores compilation competes with the work itself, so figures taken earlier describe the
 * compiler as much as the code. The figures that follow describe a warm worker.
 */
final class WarmUp {

    /** Compilation time below this share of a round's wall time counts as settled. */
    private static final double SETTLED = 0.05;

    private WarmUp() {
    }

    /** The total compilation time so far of this JVM, the one serving the stand-ins. */
    static long compiledMillisHere() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * Runs {@code round} until compilation settles or {@code maxRounds} have run; returns how many ran.
     *
     * @param compiledMillis the total compilation time so far of the JVM doing the work
     */
    static int untilCompiled(Runnable round, LongSupplier compiledMillis, int maxRounds) {
        for (int rounds = 1; ; rounds++) {
            long compiledBefore = compiledMillis.getAsLong();
            long started = System.nanoTime();
            round.run();
            double compiled = compiledMillis.getAsLong() - compiledBefore;
            if (compiled < SETTLED * Figures.millisSince(started) || rounds == maxRounds) {
                return rounds;
            }
        }
    }
}
