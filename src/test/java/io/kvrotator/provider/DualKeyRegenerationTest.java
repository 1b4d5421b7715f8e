package io.kvrotator.provider;

import static io.kvrotator.provider.ProviderContractCase.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixture.FaultPoint;
import io.kvrotator.sandbox.ProviderFixtures;
import io.kvrotator.sandbox.StandIn;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule A for every dual-key type's regenerates, through its registered factory, the real ARM SDK clients and the
 * stand-ins: sent once (a 429 excepted), read back after an unknown outcome, in revocation as in rotation; and a key
 * that changes between its regenerate and the end of its verification is not handed on to be stored.
 */
class DualKeyRegenerationTest {

    static Stream<ProviderFixture> dualKeyTypes() {
        return ProviderFixtures.ALL.stream().filter(fixture -> point(fixture, "ROTATE_", "arm").isPresent());
    }

    static Stream<ProviderFixture> dualKeyTypesVerifiedAtAStandIn() {
        return dualKeyTypes().filter(fixture -> point(fixture, "VERIFY_", null).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("a throttled regenerate (429, which proves it was not applied) is sent again after Retry-After")
    void throttledRegenerateIsRetried(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            c.sandbox.arm.faults(Faults.failing(regenerate(fixture), 1, StandIn.Response.empty(429)
                    .withHeader("Retry-After", "0")));

            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));

            assertThat(regenerates(c, fixture)).isEqualTo(2);
            assertThat(c.live.accepts(issued.value().reveal())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("revocation: a regenerate answered 503 is sent once, read back unchanged, and fails retryably at"
            + " revoke; the compromised key still works until revoked again")
    void invalidationNotApplied(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));
            c.sandbox.arm.clearCalls();
            c.sandbox.arm.faults(Faults.failing(regenerate(fixture), 1, StandIn.Response.empty(503)
                    .withHeader("Retry-After", "0")));

            assertThatThrownBy(() -> c.provider.invalidateAllBut(plan, issued.credentialId()))
                    .isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
                        assertThat(e.failure().step()).isEqualTo(Step.REVOKE);
                        assertThat(e.failure().message()).contains("had not been applied", "status=503");
                    });
            assertThat(regenerates(c, fixture)).isEqualTo(1);
            assertThat(c.live.works()).isTrue();
            c.sandbox.resetFaults();
            c.provider.invalidateAllBut(plan, issued.credentialId());
            assertThat(c.live.works()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypes")
    @DisplayName("revocation: a regenerate applied but unanswered is read back as done, not sent again")
    void invalidationAppliedButUnanswered(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));
            c.sandbox.arm.clearCalls();
            c.sandbox.arm.faults(Faults.on(regenerate(fixture), 1, Faults.Injection.afterHandlingDropAnswer()));

            c.provider.invalidateAllBut(plan, issued.credentialId());

            assertThat(regenerates(c, fixture)).isEqualTo(1);
            assertThat(c.live.works()).as("the compromised key").isFalse();
            assertThat(c.live.accepts(issued.value().reveal())).as("the kept key").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dualKeyTypesVerifiedAtAStandIn")
    @DisplayName("a key regenerated again while its verification is answered fails verification retryably")
    void keyChangedDuringVerification(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));
            FaultPoint verification = point(fixture, "VERIFY_", null).orElseThrow();
            StandIn verifier = c.sandbox.standIns().stream()
                    .filter(standIn -> standIn.service().equals(verification.service())).findFirst().orElseThrow();
            // Once the data plane has accepted the key, and before kv-rotator hears so, the key is regenerated again.
            verifier.faults(Faults.on(request -> true, 1, Faults.Injection.pauseBeforeAnswer(() ->
                    c.provider.invalidateAllBut(plan, plan.currentCredentialId()))));

            assertThatThrownBy(() -> c.provider.verify(plan, issued))
                    .isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
                        assertThat(e.failure().step()).isEqualTo(Step.VERIFY);
                        assertThat(e.failure().message()).contains("changed after it was regenerated");
                    });
            assertThat(c.live.works()).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("Cosmos DB: a regenerate reported done (its operation answers no key) while the key is listed"
            + " unchanged fails retryably, sent once; the old key is not handed on as new, and the next try rotates")
    void cosmosDbRegenerateReportedDoneButNotApplied() {
        ProviderFixture fixture = ProviderFixtures.ALL.stream()
                .filter(candidate -> candidate.credentialType().equals("CosmosDbKey")).findFirst().orElseThrow();
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            c.sandbox.arm.faults(Faults.failing(regenerate(fixture), 1, StandIn.Response.empty(200)));

            assertThatThrownBy(() -> c.provider.issue(plan, NOW.plus(Duration.ofDays(90))))
                    .isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
                        assertThat(e.failure().step()).isEqualTo(Step.ROTATE);
                        assertThat(e.failure().message()).contains("is listed unchanged after its regenerate");
                    });
            assertThat(regenerates(c, fixture)).isEqualTo(1);
            assertThat(c.live.works()).isTrue();

            c.sandbox.resetFaults();
            IssuedCredential issued = c.provider.issue(c.provider.plan(c.liveVersion(), c.liveValue(), c.scope()),
                    NOW.plus(Duration.ofDays(90)));
            assertThat(c.live.accepts(issued.value().reveal())).isTrue();
            assertThat(issued.value().reveal()).isNotEqualTo(c.live.value());
        }
    }

    private static java.util.function.Predicate<StandIn.Request> regenerate(ProviderFixture fixture) {
        return point(fixture, "ROTATE_", "arm").orElseThrow().calls();
    }

    private static long regenerates(ProviderContractCase c, ProviderFixture fixture) {
        FaultPoint point = point(fixture, "ROTATE_", "arm").orElseThrow();
        return c.sandbox.arm.calls().stream().filter(call -> point.calls().test(new StandIn.Request(call.method(),
                null, call.path(), java.util.Map.of(), java.util.Map.of(), new byte[0], false))).count();
    }

    /** The fixture's fault point named {@code prefix}..., at {@code service} (null: any). */
    private static Optional<FaultPoint> point(ProviderFixture fixture, String prefix, String service) {
        return fixture.faultPoints().stream().filter(point -> point.name().startsWith(prefix)
                && (service == null || point.service().equals(service))).findFirst();
    }
}
