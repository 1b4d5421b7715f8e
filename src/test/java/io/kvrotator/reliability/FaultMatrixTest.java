package io.kvrotator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.functions.RedeliveryRequested;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixture.FaultPoint;
import io.kvrotator.sandbox.ProviderFixtures;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.ReliabilityFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    /**
     * Event Grid redelivers for 24 hours; the matrix stops after 3 deliveries under an outage and allows 5 for a
     * transient fault: a key regenerate goes out once per delivery (rule A), so each server error it meets costs one.
     */
    private static final int OUTAGE_DELIVERIES = 3;
    private static final int TRANSIENT_DELIVERIES = 5;
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger ROTATED = new AtomicInteger();
    private static final AtomicInteger NOT_ROTATED = new AtomicInteger();

    /** The steps every provider takes, found by the stand-in call each makes; providers add their own. */
    private static final List<FaultPoint> SHARED_STEPS = List.of(
            new FaultPoint("READ", "keyvault", r -> r.method().equals("GET") && r.path().contains("/secrets/" + SECRET)
                    && !r.path().endsWith("/versions")),
            new FaultPoint("STORE", "keyvault", r -> r.method().equals("PUT")),
            new FaultPoint("TELL", "teams", r -> true));

    /**
     * The Key Vault and Teams steps are the same protocol code for every type: by default they are faulted for one
     * dual-key type and one that is not (storage keys, app secrets), so the matrix stays within the build's time;
     * {@code -Dfaults.all=true} faults them for every type.
     */
    private static boolean sharedStepsRunFor(ProviderFixture provider) {
        return Boolean.getBoolean("faults.all")
                || ProviderFixtures.ALL.indexOf(provider) < 2;
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
        for (ProviderFixture provider : ProviderFixtures.ALL) {
            List<FaultPoint> steps = new ArrayList<>(sharedStepsRunFor(provider) ? SHARED_STEPS : List.of());
            steps.addAll(provider.faultPoints());
            for (FaultPoint step : steps) {
                for (Fault fault : Fault.values()) {
                    tests.add(DynamicTest.dynamicTest(provider + " " + step.name() + " " + fault,
                            () -> run(provider, step, fault)));
                }
            }
        }
        return tests.stream();
    }

    private void run(ProviderFixture provider, FaultPoint step, Fault fault) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (Sandbox sandbox = Sandbox.start(clock)) {
            sandbox.keyVault.createVault(VAULT);
            ProviderFixture.Live live = provider.createLive(sandbox, "faults");
            String version = sandbox.keyVault.seedSecret(VAULT, SECRET, live.value(), withOwner(live.tags()),
                    NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)));
            String event = KeyVaultEvents.nearExpiry(VAULT, SECRET, version, NOW.plus(Duration.ofDays(20)), NOW);
            sandbox.install(sandbox.appSettings(VAULT));
            sandbox.standIns().stream().filter(s -> s.service().equals(step.service()))
                    .forEach(s -> s.faults(Faults.on(step.calls(), fault.times, fault.injection)));
            AtomicBoolean inUseBroke = new AtomicBoolean();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    if (!live.works()) {
                        inUseBroke.set(true);
                    }
                    sleep(5);
                }
            });
            watcher.start();

            int deliveries = 0;
            boolean completed = false;
            int maxDeliveries = fault == Fault.OUTAGE ? OUTAGE_DELIVERIES : TRANSIENT_DELIVERIES;
            while (!completed && deliveries < maxDeliveries) {
                deliveries++;
                try {
                    new KeyVaultEventFunctions().secretNearExpiry(event, null);
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
            assertThat(live.works()).isTrue();
            CASES.incrementAndGet();
            if (versions.size() == 2) {
                ROTATED.incrementAndGet();
                assertThat(live.holdsAWorkingCredential().test(versions.get(1))).as("the stored credential works")
                        .isTrue();
                assertThat(live.orphans(versions)).as("kv-rotator credentials no version holds: only after a store"
                        + " whose outcome was unknown, left to the overlap-based retirement")
                        .hasSizeLessThanOrEqualTo(step.name().equals("STORE") ? deliveries - 1 : 0);
            } else {
                NOT_ROTATED.incrementAndGet();
                assertThat(versions).as("not rotated at all").hasSize(1);
                assertThat(fault).as("only an outage may prevent the rotation").isEqualTo(Fault.OUTAGE);
                assertThat(failureNotices(sandbox)).as("failure notices, once").isEqualTo(1);
                assertThat(live.orphans(versions)).as("kv-rotator credentials no version holds")
                        .hasSizeLessThanOrEqualTo(step.name().equals("STORE") ? deliveries : 0);
            }
        }
    }

    private static long failureNotices(Sandbox sandbox) {
        long teams = sandbox.teams.posted().stream().filter(p -> p.text().contains("Rotation failed")
                && p.text().contains(SECRET)).count();
        long email = sandbox.graph.sentMail().stream().filter(m -> m.subject().contains("Rotation failed")
                && m.subject().contains(SECRET)).count();
        return Math.max(teams, email);
    }

    private static Map<String, String> withOwner(Map<String, String> tags) {
        Map<String, String> owned = new HashMap<>(tags);
        owned.put("Owner", "faults@contoso.com");
        return owned;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
