package io.kvrotator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.functions.RedeliveryRequested;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.ReliabilityFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every protocol step of every provider against every fault kind. After the redeliveries Event Grid would make
 * for the function's exceptions, the end state is rotated exactly once, or not rotated with a failure notice sent;
 * the credential the latest version held before the rotation works throughout.
 */
class FaultMatrixTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final String VAULT = "kv-dev-faults";
    private static final String SECRET = "FAULTY-CREDENTIAL";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-faults/providers/Microsoft.Storage/storageAccounts/stfaults";
    private static final String APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final int MAX_DELIVERIES = 3;
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger ROTATED = new AtomicInteger();
    private static final AtomicInteger NOT_ROTATED = new AtomicInteger();

    enum Provider { STORAGE_KEY, APP_SECRET }

    /** A protocol step, found by the stand-in call it makes. */
    enum Step {
        READ("keyvault", r -> r.method().equals("GET") && r.path().contains("/secrets/" + SECRET) && !r.path().endsWith("/versions")),
        ROTATE_STORAGE("arm", r -> r.path().endsWith("/regenerateKey")),
        VERIFY_STORAGE("blob", r -> true),
        ROTATE_APP("graph", r -> r.path().endsWith("/addPassword")),
        VERIFY_APP("entra", r -> r.path().endsWith("/oauth2/v2.0/token")),
        STORE("keyvault", r -> r.method().equals("PUT")),
        RETIRE_APP("graph", r -> r.path().endsWith("/removePassword")),
        TELL("teams", r -> true);

        final String service;
        final Predicate<StandIn.Request> calls;

        Step(String service, Predicate<StandIn.Request> calls) {
            this.service = service;
            this.calls = calls;
        }
    }

    /** How a service misbehaves; transient kinds clear by themselves, OUTAGE never does. */
    enum Fault {
        LATENCY(Integer.MAX_VALUE, new Faults.Injection(1500, null, false)),
        THROTTLED(2, new Faults.Injection(0, StandIn.Response.empty(429).withHeader("Retry-After", "1"), false)),
        SERVER_ERRORS(4, new Faults.Injection(0, StandIn.Response.empty(503).withHeader("Retry-After", "0")
                .withHeader("retry-after-ms", "10"), false)),
        CONNECTION_RESET(2, new Faults.Injection(0, null, true)),
        TIMEOUT(1, new Faults.Injection(7000, null, false)),
        OUTAGE(Integer.MAX_VALUE, new Faults.Injection(0, StandIn.Response.empty(500).withHeader("Retry-After", "0")
                .withHeader("retry-after-ms", "10"), false));

        final int times;
        final Faults.Injection injection;

        Fault(int times, Faults.Injection injection) {
            this.times = times;
            this.injection = injection;
        }
    }

    @AfterAll
    static void figures() {
        ReliabilityFigures.print("fault-matrix", "cases=%d rotatedExactlyOnce=%d notRotatedWithNotice=%d"
                .formatted(CASES.get(), ROTATED.get(), NOT_ROTATED.get()));
    }

    @TestFactory
    Stream<DynamicTest> everyStepOfEveryProviderUnderEveryFault() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Provider provider : Provider.values()) {
            for (Step step : steps(provider)) {
                for (Fault fault : Fault.values()) {
                    tests.add(DynamicTest.dynamicTest(provider + " " + step + " " + fault, () -> run(provider, step, fault)));
                }
            }
        }
        return tests.stream();
    }

    private static List<Step> steps(Provider provider) {
        return provider == Provider.STORAGE_KEY
                ? List.of(Step.READ, Step.ROTATE_STORAGE, Step.VERIFY_STORAGE, Step.STORE, Step.TELL)
                : List.of(Step.READ, Step.ROTATE_APP, Step.VERIFY_APP, Step.STORE, Step.RETIRE_APP, Step.TELL);
    }

    private void run(Provider provider, Step step, Fault fault) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (Sandbox sandbox = Sandbox.start(clock)) {
            sandbox.keyVault.createVault(VAULT);
            Seeded seeded = provider == Provider.STORAGE_KEY ? seedStorageKey(sandbox) : seedAppSecret(sandbox);
            sandbox.install(sandbox.appSettings(VAULT));
            sandbox.standIns().stream().filter(s -> s.service().equals(step.service))
                    .forEach(s -> s.faults(Faults.on(step.calls, fault.times, fault.injection)));
            AtomicBoolean inUseBroke = new AtomicBoolean();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    if (!seeded.inUseWorks().getAsBoolean()) {
                        inUseBroke.set(true);
                    }
                    sleep(5);
                }
            });
            watcher.start();

            int deliveries = 0;
            boolean completed = false;
            while (!completed && deliveries < MAX_DELIVERIES) {
                deliveries++;
                try {
                    new KeyVaultEventFunctions().secretNearExpiry(seeded.event(), null);
                    completed = true;
                } catch (RedeliveryRequested e) {
                    clock.advance(Duration.ofMinutes(1));
                }
            }
            watching.set(false);
            watcher.join();
            sandbox.resetFaults();

            List<VersionView> versions = sandbox.keyVault.versions(VAULT, SECRET);
            assertThat(inUseBroke.get()).as("the credential in use stopped working").isFalse();
            assertThat(seeded.inUseWorks().getAsBoolean()).isTrue();
            CASES.incrementAndGet();
            if (versions.size() == 2) {
                ROTATED.incrementAndGet();
                assertThat(seeded.newVersionWorks().test(versions.get(1))).as("the stored credential works").isTrue();
                if (provider == Provider.APP_SECRET) {
                    assertThat(orphans(sandbox, seeded, versions)).as("kv-rotator passwords no version holds: only"
                            + " after a store whose outcome was unknown, left to the overlap-based retirement")
                            .hasSizeLessThanOrEqualTo(step == Step.STORE ? deliveries - 1 : 0);
                }
            } else {
                NOT_ROTATED.incrementAndGet();
                assertThat(versions).as("not rotated at all").hasSize(1);
                assertThat(fault).as("only an outage may prevent the rotation").isEqualTo(Fault.OUTAGE);
                assertThat(failureNotices(sandbox)).as("failure notices, once").isEqualTo(1);
                if (provider == Provider.APP_SECRET) {
                    assertThat(orphans(sandbox, seeded, versions)).as("kv-rotator passwords no version holds")
                            .hasSizeLessThanOrEqualTo(step == Step.STORE ? deliveries : 0);
                }
            }
        }
    }

    /** kv-rotator's passwords that no version of the secret holds. */
    private static List<String> orphans(Sandbox sandbox, Seeded seeded, List<VersionView> versions) {
        return sandbox.graph.passwords(seeded.objectId()).stream()
                .filter(p -> p.displayName() != null && p.displayName().startsWith("kv-rotator:"))
                .filter(p -> versions.stream().noneMatch(v -> p.keyId().equals(v.tags().get("CredentialId"))))
                .map(GraphStandIn.PasswordState::keyId).toList();
    }

    private static long failureNotices(Sandbox sandbox) {
        long teams = sandbox.teams.posted().stream().filter(p -> p.text().contains("Rotation failed")
                && p.text().contains(SECRET)).count();
        long email = sandbox.graph.sentMail().stream().filter(m -> m.subject().contains("Rotation failed")
                && m.subject().contains(SECRET)).count();
        return Math.max(teams, email);
    }

    private record Seeded(String event, BooleanSupplier inUseWorks, Predicate<VersionView> newVersionWorks,
                          String objectId) {
    }

    private static Seeded seedStorageKey(Sandbox sandbox) {
        String key1 = sandbox.arm.createAccount(ACCOUNT);
        String version = sandbox.keyVault.seedSecret(VAULT, SECRET, key1, Map.of("CredentialType", "StorageAccountKey",
                "CredentialId", "key1", "ProviderAddress", ACCOUNT, "Owner", "faults@contoso.com"),
                NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)));
        return new Seeded(KeyVaultEvents.nearExpiry(VAULT, SECRET, version, NOW.plus(Duration.ofDays(20)), NOW),
                () -> sandbox.arm.accepts("stfaults", key1),
                stored -> stored.fingerprint().equals(sandbox.arm.key(ACCOUNT, "key2").orElseThrow().fingerprint()),
                null);
    }

    private static Seeded seedAppSecret(Sandbox sandbox) {
        String objectId = sandbox.graph.createApplication("faults-api", APP_ID);
        GraphStandIn.PasswordState inUse = sandbox.graph.addPassword(objectId, "made in the portal",
                NOW.minus(Duration.ofDays(527)), NOW.plus(Duration.ofDays(20)));
        String version = sandbox.keyVault.seedSecret(VAULT, SECRET, inUse.value(), Map.of(
                "CredentialType", "AppRegistrationSecret", "CredentialId", inUse.keyId(), "ProviderAddress", objectId,
                "Owner", "faults@contoso.com"), NOW.minus(Duration.ofDays(527)), NOW.plus(Duration.ofDays(20)));
        return new Seeded(KeyVaultEvents.nearExpiry(VAULT, SECRET, version, NOW.plus(Duration.ofDays(20)), NOW),
                () -> sandbox.entra.accepts(APP_ID, inUse.value()),
                stored -> sandbox.graph.passwords(objectId).stream().anyMatch(p -> p.keyId().equals(
                        stored.tags().get("CredentialId")) && p.fingerprint().equals(stored.fingerprint())),
                objectId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
