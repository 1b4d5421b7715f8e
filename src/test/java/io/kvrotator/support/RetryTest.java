package io.kvrotator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Retry retry = new Retry(4, Duration.ofMillis(100), Duration.ofMillis(250), waits::add);

    @Test
    @DisplayName("an action that succeeds at once is called once, without waiting")
    void firstAttempt() {
        assertThat(retry.call(() -> calls.incrementAndGet(), e -> false)).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    @DisplayName("an action that keeps failing is tried the configured number of times, with doubling waits up to the cap")
    void givesUp() {
        IllegalStateException last = new IllegalStateException("down");

        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw last;
        }, e -> false)).isInstanceOfSatisfying(Retry.GaveUp.class, e -> {
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.interrupted()).isFalse();
            assertThat(e.getCause()).isSameAs(last);
            assertThat(e).hasMessage("still failing after 4 attempts");
        });
        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    @DisplayName("an action that recovers returns its result")
    void recovers() {
        String result = retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "ok";
        }, e -> false);

        assertThat(result).isEqualTo("ok");
        assertThat(waits).hasSize(2);
    }

    @Test
    @DisplayName("an error the caller calls final is rethrown at once, unchanged")
    void finalError() {
        IllegalArgumentException refused = new IllegalArgumentException("refused");

        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw refused;
        }, e -> e instanceof IllegalArgumentException)).isSameAs(refused);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    @DisplayName("an interrupted wait gives up at once and keeps the thread's interrupt flag")
    void interrupted() {
        Retry interrupting = new Retry(4, Duration.ofMillis(100), Duration.ofMillis(250), duration -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupting.run(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException("down");
            }, e -> false)).isInstanceOfSatisfying(Retry.GaveUp.class, e -> {
                assertThat(e.interrupted()).isTrue();
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("fewer than one attempt is refused")
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> new Retry(0, Duration.ZERO, Duration.ZERO, duration -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempts must be at least 1");
    }
}
