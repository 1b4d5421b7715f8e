package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RotationPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final SecretRef SECRET = new SecretRef("kv-dev-app", "DB-PASSWORD");
    private static final String V1 = "0".repeat(31) + "1";
    private static final String V2 = "0".repeat(31) + "2";
    private static final Map<String, String> ROTATABLE = Map.of("CredentialType", "StorageAccountKey");
    private static final Map<String, String> RETIRED = Map.of("CredentialType", "StorageAccountKey",
            "RetiredAt", "2026-11-01T07:00:00Z", "RetirementReason", "moved to a managed identity");

    private final RotationPolicy policy = new RotationPolicy(Duration.ofDays(30), Duration.ofHours(24));

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String scenario, SecretVersion latest, RotationRequest request, Class<?> expected) {
        assertThat(policy.decide(latest, request, NOW)).isInstanceOf(expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an event for the latest version, near expiry, rotates",
                        version(V1, days(-60), days(20), ROTATABLE), event(V1, days(-10)), RotationDecision.Rotate.class),
                Arguments.of("an event for the latest version, expired, rotates",
                        version(V1, days(-60), days(-2), ROTATABLE), event(V1, days(-2)), RotationDecision.Rotate.class),
                Arguments.of("an event for an older version after a rotation is skipped",
                        version(V2, days(-1), days(59), ROTATABLE), event(V1, days(-2)), RotationDecision.Skip.class),
                Arguments.of("a redelivered event whose rotation produced a short-lived version is still skipped",
                        version(V2, days(0), days(5), ROTATABLE), event(V1, days(-1)), RotationDecision.Skip.class),
                Arguments.of("an event for an older version rotates when the latest predates it and is near expiry",
                        version(V2, days(-100), days(10), ROTATABLE), event(V1, days(-1)), RotationDecision.Rotate.class),
                Arguments.of("an event for a version whose expiry was moved out of the window is skipped",
                        version(V1, days(-60), days(200), ROTATABLE), event(V1, days(-1)), RotationDecision.Skip.class),
                Arguments.of("an event for a version without CredentialType is notify-only",
                        version(V1, days(-60), days(20), Map.of("Owner", "a@b.c")), event(V1, days(-1)),
                        RotationDecision.NotifyOnly.class),
                Arguments.of("a blank CredentialType counts as absent",
                        version(V1, days(-60), days(20), Map.of("CredentialType", " ")), event(V1, days(-1)),
                        RotationDecision.NotifyOnly.class),
                Arguments.of("a manual request rotates the latest version far from expiry",
                        version(V1, days(-1), days(300), ROTATABLE), manual(), RotationDecision.Rotate.class),
                Arguments.of("a manual request for a version made an hour ago is too soon",
                        version(V1, NOW.minus(Duration.ofHours(1)), days(300), ROTATABLE), manual(),
                        RotationDecision.TooSoon.class),
                Arguments.of("an event for a version made an hour ago, near expiry, is too soon",
                        version(V1, NOW.minus(Duration.ofHours(1)), days(3), ROTATABLE), event(V1, days(0)),
                        RotationDecision.TooSoon.class),
                Arguments.of("an event for a retired secret's latest version, near expiry, is skipped",
                        version(V1, days(-60), days(20), RETIRED), event(V1, days(-1)), RotationDecision.Skip.class),
                Arguments.of("a manual request for a retired secret is skipped",
                        version(V1, days(-60), days(300), RETIRED), manual(), RotationDecision.Skip.class));
    }

    private static Instant days(int offset) {
        return NOW.plus(Duration.ofDays(offset));
    }

    private static SecretVersion version(String version, Instant created, Instant expires, Map<String, String> tags) {
        return new SecretVersion(SECRET, version, true, created, created, expires, null, tags);
    }

    private static RotationRequest event(String version, Instant eventTime) {
        return new RotationRequest(SECRET, new Trigger.Event("e1"), "SecretNearExpiry", version, eventTime, false);
    }

    private static RotationRequest manual() {
        return new RotationRequest(SECRET, new Trigger.Http("alice@contoso.com"), "planned", null, null, false);
    }
}
