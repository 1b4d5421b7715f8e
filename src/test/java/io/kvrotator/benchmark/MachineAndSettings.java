package io.kvrotator.benchmark;

import io.kvrotator.app.Setting;
import io.kvrotator.sweep.ExpiryScanner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine, JVM and settings the figures were measured with. */
final class MachineAndSettings {

    private MachineAndSettings() {
    }

    static String describe(long latencyMillis) {
        Runtime runtime = Runtime.getRuntime();
        return new Table("Machine and settings", "what", "value")
                .row("CPU", cpuModel() + ", " + runtime.availableProcessors() + " cores available to the JVM")
                .row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .row("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB, arguments "
                        + ManagementFactory.getRuntimeMXBean().getInputArguments())
                .row("remote services", "loopback HTTPS stand-ins (Key Vault, ARM, blob, Graph, Entra, Teams) in"
                        + " this JVM, spoken to by the real SDK clients; Azurite for the alert record")
                .row("injected latency", latencyMillis + " ms on every stand-in call (sweep, rotation, burst); none"
                        + " for start-up")
                .row("Key Vault limits", "stand-in enforces 300 secret writes and 4,000 other calls per vault per"
                        + " 10 s (429 + Retry-After); kv-rotator paces itself to "
                        + Setting.KEYVAULT_WRITES_PER_10S.key() + "=" + Setting.KEYVAULT_WRITES_PER_10S.defaultValue()
                        + ", " + Setting.KEYVAULT_OTHERS_PER_10S.key() + "="
                        + Setting.KEYVAULT_OTHERS_PER_10S.defaultValue())
                .row("concurrency", "sweep: " + ExpiryScanner.DEFAULT_CONCURRENCY + " vaults listed at once;"
                        + " burst: " + BurstBenchmark.DELIVERIES_AT_ONCE + " Event Grid deliveries at once;"
                        + " rotation: one at a time")
                .render();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
