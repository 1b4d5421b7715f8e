package io.kvrotator.benchmark;

import io.kvrotator.support.SafeErrorText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The performance benchmark: drives the real code through the real SDK clients against the sandbox stand-ins and
 * prints the package, sweep, rotation, burst and start-up tables with the machine and settings they were measured on.
 * Started by {@code scripts/benchmark.sh [--only package,sweep,rotation,burst,startup]}; exits 1 when a target is missed.
 */
public final class Benchmark {

    static final long LATENCY_MILLIS = 20;

    /** One section of the benchmark: measures, checks its targets, and returns its tables as printed. */
    @FunctionalInterface
    interface Section {
        String run(Targets targets, LeakGuard guard) throws Exception;
    }

    private Benchmark() {
    }

    public static void main(String[] args) {
        List<String> only = args.length == 2 && args[0].equals("--only") ? List.of(args[1].split(",")) : List.of();
        if (args.length != 0 && only.isEmpty()) {
            System.err.println("usage: scripts/benchmark.sh [--only package,sweep,rotation,burst,startup]");
            System.exit(2);
        }
        quietConsoleLogging();
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put("package", (targets, guard) -> PackageSize.measure(WorkerProcess.STAGED, targets).render());
        sections.put("sweep", (targets, guard) -> new SweepBenchmark(LATENCY_MILLIS).run(targets, guard).render());
        sections.put("rotation", (targets, guard) -> new RotationBenchmark(LATENCY_MILLIS).run(targets).render());
        sections.put("burst", (targets, guard) -> new BurstBenchmark(LATENCY_MILLIS).run(targets, guard).render());
        sections.put("startup", (targets, guard) -> new StartupBenchmark().run(targets, guard));
        Targets targets = new Targets();
        System.out.println(MachineAndSettings.describe(LATENCY_MILLIS));
        sections.forEach((name, section) -> {
            if (only.isEmpty() || only.contains(name)) {
                run(name, section, targets);
            }
        });
        System.out.println(targets.summary());
        System.exit(targets.allMet() ? 0 : 1);
    }

    private static void run(String name, Section section, Targets targets) {
        LeakGuard guard = LeakGuard.start();
        try {
            System.out.println(section.run(targets, guard));
        } catch (Exception e) {
            targets.check("the " + name + " benchmark ran to the end", false);
            System.out.println("The " + name + " benchmark failed: " + SafeErrorText.of(e) + "\n");
        } finally {
            int leaked = guard.stop();
            targets.check("no secret value in what the " + name + " benchmark printed, logged or sent", leaked == 0);
            if (leaked > 0) {
                System.out.println(leaked + " secret values the sandbox issued appeared in the output, logs or notices"
                        + " of the " + name + " benchmark\n");
            }
        }
    }

    /** Log records still reach the leak check; only warnings and errors reach the console. */
    private static void quietConsoleLogging() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setLevel(Level.WARNING);
            }
        }
    }
}
