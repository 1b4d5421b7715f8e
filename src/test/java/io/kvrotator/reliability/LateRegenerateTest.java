package io.kvrotator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.app.Setting;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule A for the key regenerates of every dual-key type, through the production composition root, the real ARM SDK
 * clients and the ARM stand-in: a regenerate goes out once per attempt, and what is stored is the key the service
 * lists afterwards, never the answer of a retried POST that a late-applied first one has already replaced.
 */
class LateRegenerateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final String VAULT = "kv-dev-regen";
    private static final String SECRET = "REGENERATED-KEY";
    /** The app's HTTP timeout here, in seconds, and how long a held regenerate stays unanswered: longer. */
    private static final int TIMEOUT_SECONDS = 2;
    private static final long HOLD_MILLIS = 2_600;

    static Stream<ProviderFixture> dualKeyTypes() {
        return ProviderFixtures.ALL.stream().filter(fixture -> regenerate(fixture) != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("a regenerate held past the client's timeout and applied after it: the stored version holds the key"
            + " the service has once it applied it, and the POST went out once")
    void lateAppliedRegenerate(ProviderFixture fixture) {
        try (Case c = new Case(fixture, Faults.Injection.heldThenLanding(HOLD_MILLIS, Case::isKeyListing, false))) {
            c.deliverUntilDone();
            c.sandbox.arm.landHeld();

            c.assertRotatedToAWorkingKey();
            assertThat(c.regenerates()).as("regenerate POSTs").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("a regenerate applied but unanswered: the key read back is adopted, stored and works, in one"
            + " delivery")
    void appliedButUnanswered(ProviderFixture fixture) {
        try (Case c = new Case(fixture, Faults.Injection.afterHandlingDropAnswer())) {
            c.deliver();

            c.assertRotatedToAWorkingKey();
            assertThat(c.regenerates()).as("regenerate POSTs").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("a regenerate answered 503 and not applied: retryable at rotate, nothing stored, the key in use works;"
            + " the redelivery rotates")
    void notAppliedServerError(ProviderFixture fixture) {
        try (Case c = new Case(fixture, new Faults.Injection(0, StandIn.Response.empty(503)
                .withHeader("Retry-After", "0"), false))) {
            Map<String, ?> keysBefore = c.keys();

            assertThatThrownBy(c::deliver).isInstanceOf(RedeliveryRequested.class)
                    .hasMessageContaining("had not been applied");
            c.assertToldFailedAtRotate();

            assertThat(c.versions()).as("nothing stored").hasSize(1);
            assertThat(c.keys()).as("no key changed").isEqualTo(keysBefore);
            assertThat(c.live.works()).isTrue();
            assertThat(c.regenerates()).as("regenerate POSTs").isEqualTo(1);
            c.deliver();
            c.assertRotatedToAWorkingKey();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("a regenerate held past the client's timeout that lands only after the read back: retryable, nothing"
            + " stored, the key in use works; the redelivery rotates to a working key")
    void landsAfterTheReadBack(ProviderFixture fixture) {
        try (Case c = new Case(fixture, Faults.Injection.heldThenLanding(HOLD_MILLIS, Case::isKeyListing, true))) {
            assertThatThrownBy(c::deliver).isInstanceOf(RedeliveryRequested.class)
                    .hasMessageContaining("had not been applied");
            c.assertToldFailedAtRotate();
            c.sandbox.arm.landHeld();

            assertThat(c.versions()).as("nothing stored").hasSize(1);
            assertThat(c.live.works()).isTrue();
            c.deliver();
            c.assertRotatedToAWorkingKey();
            assertThat(c.regenerates()).as("regenerate POSTs, one per delivery").isEqualTo(2);
        }
    }

    /** The fixture's regenerate call (its {@code ROTATE_} point at the ARM stand-in); null for other types. */
    private static FaultPoint regenerate(ProviderFixture fixture) {
        return fixture.faultPoints().stream().filter(point -> point.name().startsWith("ROTATE_")
                && point.service().equals("arm")).findFirst().orElse(null);
    }

    /** One secret holding a live key, its regenerate faulted once, delivered near-expiry events as Event Grid would. */
    private static final class Case implements AutoCloseable {

        final MutableClock clock = new MutableClock(NOW);
        final Sandbox sandbox = Sandbox.start(clock);
        final ProviderFixture.Live live;
        final String resource;
        final FaultPoint regenerate;
        final String event;

        Case(ProviderFixture fixture, Faults.Injection fault) {
            sandbox.keyVault.createVault(VAULT);
            live = fixture.createLive(sandbox, "regen");
            resource = live.tags().get("ProviderAddress");
            regenerate = regenerate(fixture);
            Map<String, String> tags = new HashMap<>(live.tags());
            tags.put("Owner", "regen@contoso.com");
            String version = sandbox.keyVault.seedSecret(VAULT, SECRET, live.value(), tags,
                    NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)));
            event = KeyVaultEvents.nearExpiry(VAULT, SECRET, version, NOW.plus(Duration.ofDays(20)), NOW);
            Map<String, String> settings = sandbox.appSettings(VAULT);
            settings.put(Setting.HTTP_TIMEOUT_SECONDS.key(), String.valueOf(TIMEOUT_SECONDS));
            sandbox.install(settings);
            sandbox.arm.faults(Faults.on(this::isRegenerate, 1, fault));
        }

        /** A POST that lists keys ({@code listKeys}, {@code listAdminKeys}, {@code listCredentials}). */
        static boolean isKeyListing(StandIn.Request request) {
            String path = request.path().toLowerCase(Locale.ROOT);
            return request.method().equals("POST") && path.substring(path.lastIndexOf('/') + 1).startsWith("list");
        }

        boolean isRegenerate(StandIn.Request request) {
            return regenerate.calls().test(request) && request.path().toLowerCase(Locale.ROOT)
                    .startsWith(resource.toLowerCase(Locale.ROOT) + "/");
        }

        void deliver() {
            new KeyVaultEventFunctions().secretNearExpiry(event, null);
        }

        /** Up to three deliveries, as Event Grid redelivers what threw. */
        void deliverUntilDone() {
            for (int delivery = 1; delivery <= 3; delivery++) {
                try {
                    deliver();
                    return;
                } catch (RedeliveryRequested e) {
                    clock.advance(Duration.ofMinutes(1));
                }
            }
        }

        int regenerates() {
            return (int) sandbox.arm.calls().stream().filter(call -> call.method().equals("POST")
                    && call.path().toLowerCase(Locale.ROOT).startsWith(resource.toLowerCase(Locale.ROOT) + "/")
                    && regenerate.calls().test(new StandIn.Request(call.method(), null, call.path(), Map.of(),
                            Map.of(), new byte[0], false))).count();
        }

        /** The resource's keys at the stand-in now, by fingerprint. */
        Map<String, ?> keys() {
            return Map.copyOf(sandbox.arm.keyedResources().getOrDefault(resource,
                    sandbox.arm.accounts().getOrDefault(resource, Map.of())));
        }

        List<VersionView> versions() {
            return sandbox.keyVault.versions(VAULT, SECRET);
        }

        void assertRotatedToAWorkingKey() {
            List<VersionView> versions = versions();
            assertThat(versions).as("rotated once").hasSize(2);
            assertThat(live.holdsAWorkingCredential().test(versions.get(1)))
                    .as("the new version's value works at the service").isTrue();
            assertThat(live.works()).as("the key the previous version holds").isTrue();
        }

        void assertToldFailedAtRotate() {
            assertThat(sandbox.teams.posted()).anySatisfy(posted -> assertThat(posted.text())
                    .contains("Rotation failed at step rotate", SECRET));
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
