package io.kvrotator.benchmark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kvrotator.app.AppContext;
import io.kvrotator.app.Settings;
import io.kvrotator.localhost.HostedApp;
import io.kvrotator.localhost.LocalFunctionsHost;
import io.kvrotator.sandbox.SandboxCredential;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * The child JVM of the start-up benchmark: a fresh worker. It serves the app's functions on the local host, builds
 * the app's context from its environment (the app settings, pointing at the parent's stand-ins) as
 * {@code AppContext.get()} would, says when each step finished, and waits for the parent's first request. It
 * stops when its standard input closes.
 */
public final class StartupProbe {

    static final String FUNCTION_KEY = "KVROTATOR_BENCHMARK_FUNCTION_KEY";
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        milestone("main");
        LocalFunctionsHost host = new LocalFunctionsHost(HostedApp.current().functions(),
                System.getenv(FUNCTION_KEY), JsonNodeFactory.instance::objectNode, 0);
        milestone("host");
        // As AppContext.get() does, with the sandbox's managed identity instead of DefaultAzureCredential.
        AppContext.install(new AppContext(Settings.from(System.getenv()), new SandboxCredential(), Clock.systemUTC()));
        milestone("context");
        System.out.println("PROBE ready " + host.baseUrl());
        while (System.in.read() >= 0) {
            // The parent closes our input when it has its answer.
        }
        milestone("answered");
        host.close();
    }

    private static void milestone(String name) {
        System.out.println("PROBE " + name + " " + System.currentTimeMillis() + " " + CLASSES.getTotalLoadedClassCount());
    }
}
