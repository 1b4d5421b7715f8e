package io.kvrotator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.api.ApiRequest;
import io.kvrotator.api.ApiResponse;
import io.kvrotator.app.AppContext;
import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.functions.RedeliveryRequested;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.ReliabilityFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Event Grid delivers at least once, in parallel; an engineer may rotate by hand at the same moment. */
@SandboxTest(vaults = ConcurrentDeliveryTest.VAULT)
class ConcurrentDeliveryTest {

    private static final int DELIVERIES = 50;
    private static final Instant NOW = SandboxTest.START;
    static final String VAULT = "kv-dev-orders";
    private static final String SECRET = "ORDERS-STORAGE-KEY";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-orders/providers/Microsoft.Storage/storageAccounts/stordersdev";

    @Test
    @DisplayName("50 identical deliveries in parallel plus a manual rotation rotate exactly once; the key in use keeps working")
    void exactlyOneRotation(Sandbox sandbox) throws Exception {
        String key1 = sandbox.arm.createAccount(ACCOUNT);
        String version = sandbox.keyVault.seedSecret(VAULT, SECRET, key1, Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "ProviderAddress", ACCOUNT), NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)));
        String event = KeyVaultEvents.nearExpiry(VAULT, SECRET, version, NOW.plus(Duration.ofDays(20)), NOW);
        sandbox.arm.faults(Faults.latency(300));
        KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
        ExecutorService pool = Executors.newFixedThreadPool(DELIVERIES + 1);
        CountDownLatch go = new CountDownLatch(1);

        List<Future<Boolean>> deliveries = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            deliveries.add(pool.submit(() -> {
                go.await();
                return deliver(functions, event);
            }));
        }
        Future<ApiResponse> manual = pool.submit(() -> {
            go.await();
            return AppContext.get().secretApi().rotate(new ApiRequest(Map.of("vault", VAULT, "name", SECRET), Map.of(),
                    Map.of(), "{\"reason\":\"rotating by hand during an incident\"}"));
        });
        go.countDown();
        List<String> toRedeliver = new ArrayList<>();
        for (Future<Boolean> delivery : deliveries) {
            if (!delivery.get()) {
                toRedeliver.add(event);
            }
        }
        int manualStatus = manual.get().status();
        int redelivered = toRedeliver.size();
        for (String again : toRedeliver) {
            assertThat(deliver(functions, again)).as("a redelivery after the rotation completes").isTrue();
        }
        pool.shutdown();

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).as("Key Vault versions").hasSize(2);
        assertThat(sandbox.arm.calls().stream().filter(call -> call.path().endsWith("/regenerateKey")).count())
                .as("regenerations").isEqualTo(1);
        assertThat(sandbox.arm.accepts("stordersdev", key1)).as("the key in use still works").isTrue();
        assertThat(manualStatus).as("the manual rotation either did it or was told another was in progress").isIn(200, 409);
        ReliabilityFigures.print("concurrency", "deliveries=%d manual=1 rotations=1 redeliveredAfterLockHeld=%d manualStatus=%d"
                .formatted(DELIVERIES, redelivered, manualStatus));
    }

    /** One Event Grid delivery: true when the function completed, false when it asked to be redelivered. */
    private static boolean deliver(KeyVaultEventFunctions functions, String event) {
        try {
            functions.secretNearExpiry(event, null);
            return true;
        } catch (RedeliveryRequested e) {
            return false;
        }
    }
}
