package io.kvrotator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.ReliabilityFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Key Vault allows 300 secret writes per vault per 10 seconds; the sandbox enforces that. A burst of 1,000
 * near-expiry events for distinct secrets in one vault must finish with every secret rotated and none failed.
 */
@SandboxTest(vaults = KeyVaultBurstTest.VAULT)
class KeyVaultBurstTest {

    private static final int EVENTS = 1000;
    static final String VAULT = "kv-dev-burst";
    private static final Instant NOW = SandboxTest.START;

    @Test
    @DisplayName("1,000 near-expiry events in one vault rotate every secret within Key Vault's write limit, none failing")
    void burst(Sandbox sandbox) throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String account = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-burst/providers/"
                    + "Microsoft.Storage/storageAccounts/stburst" + i;
            String name = "BURST-KEY-" + i;
            String version = sandbox.keyVault.seedSecret(VAULT, name, sandbox.arm.createAccount(account), Map.of(
                    "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", account),
                    NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(25)));
            events.add(KeyVaultEvents.nearExpiry(VAULT, name, version, NOW.plus(Duration.ofDays(25)), NOW));
        }
        sandbox.keyVault.clearCalls();
        KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
        AtomicInteger failedDeliveries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);

        long started = System.nanoTime();
        List<Future<?>> deliveries = new ArrayList<>();
        for (String event : events) {
            deliveries.add(pool.submit(() -> {
                try {
                    functions.secretNearExpiry(event, null);
                } catch (RuntimeException e) {
                    failedDeliveries.incrementAndGet();
                }
            }));
        }
        for (Future<?> delivery : deliveries) {
            delivery.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        long rotated = sandbox.keyVault.secrets(VAULT).values().stream().filter(versions -> versions.size() == 2).count();
        long writes = sandbox.keyVault.calls().stream()
                .filter(call -> call.method().equals("PUT") && call.status() == 200).count();
        ReliabilityFigures.print("burst", "events=%d rotated=%d failedDeliveries=%d secretWrites=%d throttled429=%d seconds=%.1f throttleBoundSeconds=%.1f"
                .formatted(EVENTS, rotated, failedDeliveries.get(), writes, sandbox.keyVault.throttledCalls(), seconds,
                        EVENTS / 300.0 * 10));
        assertThat(failedDeliveries.get()).isZero();
        assertThat(rotated).isEqualTo(EVENTS);
        assertThat(writes).isEqualTo(EVENTS);
    }
}
