package io.kvrotator.provider.appregistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The retirement rule alone: which of kv-rotator's passwords a rotation or sweep may remove. */
class PasswordRetirementTest {

    private static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");
    private static final SecretRef SECRET = new SecretRef("kv-dev-payments", "PAYMENTS-API-CLIENT-SECRET");
    private static final Duration OVERLAP = Duration.ofDays(7);

    private final PasswordRetirement retirement = new PasswordRetirement(OVERLAP);

    @Test
    @DisplayName("a password superseded by a newer version is kept through the overlap and overdue once it has passed")
    void overlap() {
        AppPassword old = ours("a", T0);
        Instant superseded = T0.plus(Duration.ofDays(500));

        assertThat(retirement.overdue(List.of(old), SECRET, Set.of("b"), List.of(superseded),
                superseded.plus(OVERLAP).minusSeconds(1))).isEmpty();
        assertThat(retirement.overdue(List.of(old), SECRET, Set.of("b"), List.of(superseded),
                superseded.plus(OVERLAP))).containsExactly(old);
    }

    @Test
    @DisplayName("a password in use is never overdue, however old")
    void inUse() {
        AppPassword held = ours("a", T0);

        assertThat(retirement.overdue(List.of(held), SECRET, Set.of("a"), List.of(T0.plus(Duration.ofDays(1))),
                T0.plus(Duration.ofDays(9000)))).isEmpty();
    }

    @Test
    @DisplayName("the overlap counts from the first version made after the password, not from the latest")
    void earliestSupersedingVersion() {
        AppPassword p0 = ours("p0", T0);
        Instant versionHoldingP1 = T0.plus(Duration.ofDays(30));
        Instant now = versionHoldingP1.plus(OVERLAP);

        assertThat(retirement.overdue(List.of(p0), SECRET, Set.of("p1", "p2"), List.of(versionHoldingP1, now), now))
                .containsExactly(p0);
    }

    @Test
    @DisplayName("a password newer than every known version (a rotation in flight) is kept")
    void inFlight() {
        Instant latest = T0;
        AppPassword inFlight = ours("c", T0.plusSeconds(5));

        assertThat(retirement.overdue(List.of(inFlight), SECRET, Set.of("b"), List.of(latest),
                T0.plus(Duration.ofDays(365)))).isEmpty();
    }

    @Test
    @DisplayName("passwords made by people, or by kv-rotator for another secret, are never overdue")
    void notOurs() {
        List<AppPassword> others = List.of(
                new AppPassword("portal", "made in the portal", null, T0, T0.plus(Duration.ofDays(730))),
                new AppPassword("unnamed", null, null, T0, T0.plus(Duration.ofDays(730))),
                new AppPassword("prod", PasswordLabel.of(new SecretRef("kv-prd-payments", SECRET.name()), T0), null, T0,
                        T0.plus(Duration.ofDays(547))),
                new AppPassword("longer-name", PasswordLabel.of(new SecretRef(SECRET.vault(), SECRET.name() + "-2"), T0),
                        null, T0, T0.plus(Duration.ofDays(547))));

        assertThat(retirement.overdue(others, SECRET, Set.of(), List.of(T0.plusSeconds(1)),
                T0.plus(Duration.ofDays(3650)))).isEmpty();
    }

    @Test
    @DisplayName("a password without a start date is kept: when it was superseded cannot be told")
    void noStartDate() {
        AppPassword undated = new AppPassword("a", PasswordLabel.of(SECRET, T0), null, null, T0.plus(Duration.ofDays(547)));

        assertThat(retirement.overdue(List.of(undated), SECRET, Set.of(), List.of(T0), T0.plus(Duration.ofDays(900))))
                .isEmpty();
    }

    @Test
    @DisplayName("an overlap of zero is refused: the previous password must survive the rotation that replaces it")
    void zeroOverlap() {
        assertThatThrownBy(() -> new PasswordRetirement(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    private static AppPassword ours(String keyId, Instant start) {
        return new AppPassword(keyId, PasswordLabel.of(SECRET, start), null, start, start.plus(Duration.ofDays(547)));
    }
}
