package io.kvrotator.benchmark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kvrotator.app.AppContext;
import io.kvrotator.localhost.HostedApp;
import io.kvrotator.localhost.LocalFunctionsHost;
import io.kvrotator.sandbox.SandboxCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The child JVM of the start-up and burst benchmarks: a fresh worker ({@link WorkerProcess}). It serves the app's
 * functions on the local host (the staged package when {@code kvrotator.host.app} names it, as the benchmarks do),
 * builds the app's context from its environment (the app settings, pointing at the parent's stand-ins) as
 * {@code AppContext.get()} would, says when each step finished, and answers the parent's commands on its standard
 * input: {@code mark NAME} says a step finished, {@code memory} prints the worker's resident set and heap,
 * {@code jit} its JIT compiler's total time. It stops when its standard input closes.
 */
public final class StartupProbe {

    static final String FUNCTION_KEY = "KVROTATOR_BENCHMARK_FUNCTION_KEY";

    private StartupProbe() {
    }

    /**
     * Says when {@code main} was entered before anything of the probe's own is linked: the probe's classes, the test
     * class path and the management beans it counts classes with are the harness's start-up, not a worker's, so they
     * fall in the local host's start, which stands in for the Functions runtime.
     */
    public static void main(String[] args) throws Exception {
        System.out.println("PROBE main " + System.currentTimeMillis() + " -1");
        Probe.run();
    }

    /** The probe's work once the JVM has started: the local host, the context, the parent's commands. */
    private static final class Probe {

        private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

        private Probe() {
        }

        static void run() throws Exception {
            HostedApp app = HostedApp.current();
            LocalFunctionsHost host = new LocalFunctionsHost(app.functions(), System.getenv(FUNCTION_KEY),
                    JsonNodeFactory.instance::objectNode, 0);
            milestone("host");
            // As AppContext.get() does, with the sandbox's managed identity instead of the platform's.
            if (app.packaged()) {
                app.install(System.getenv(), new SandboxCredential(), Clock.systemUTC());
            } else {
                AppContext.install(AppContext.fromSettings(System.getenv(), new SandboxCredential(),
                        Clock.systemUTC()));
            }
            milestone("context");
            System.out.println("PROBE ready " + host.baseUrl());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("memory")) {
                    memory();
                } else if (command.equals("jit")) {
                    System.out.println("PROBE jit "
                            + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
                } else if (command.startsWith("mark ")) {
                    milestone(command.substring("mark ".length()));
                }
            }
            host.close();
        }

        /** After a full collection: the process's resident set (VmRSS) and the heap in use and committed, in bytes. */
        private static void memory() throws IOException {
            System.gc();
            long rssKiB = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElse(-1);
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.println("PROBE memory " + rssKiB * 1024 + " " + heap.getUsed() + " " + heap.getCommitted());
        }

        private static void milestone(String name) {
            System.out.println("PROBE " + name + " " + System.currentTimeMillis() + " "
                    + CLASSES.getTotalLoadedClassCount());
        }
    }
}
