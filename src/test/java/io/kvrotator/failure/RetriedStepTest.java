package io.kvrotator.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.support.Retry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetriedStepTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final Retry retry = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), duration -> { });

    @Test
    @DisplayName("a terminal failure ends the step at once, unchanged")
    void terminal() {
        RotationException refused = RotationException.terminal(Step.VERIFY, "no permission");

        assertThatThrownBy(() -> RetriedStep.run(retry, Step.VERIFY, () -> {
            calls.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("when every attempt fails, the step fails retryably and names the last error")
    void exhausted() {
        assertThatThrownBy(() -> RetriedStep.run(retry, Step.VERIFY, () -> {
            calls.incrementAndGet();
            throw RotationException.retryable(Step.VERIFY, "not accepted yet");
        })).isInstanceOfSatisfying(RotationException.class, e -> assertThat(e.failure()).isEqualTo(
                new Failure.Retryable(Step.VERIFY, "still failing after 3 attempts: RotationException: verify: not"
                        + " accepted yet")));
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("an interrupted wait fails the step retryably")
    void interrupted() {
        Retry interrupting = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), duration -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> RetriedStep.call(interrupting, Step.PLAN, () -> {
                throw new IllegalStateException("down");
            })).isInstanceOfSatisfying(RotationException.class, e -> assertThat(e.failure()).isEqualTo(
                    new Failure.Retryable(Step.RETRY, "interrupted while waiting to retry")));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @DisplayName("a result comes back as soon as an attempt succeeds")
    void result() {
        assertThat(RetriedStep.call(retry, Step.PLAN, () -> calls.incrementAndGet() < 2 ? fail() : "ok"))
                .isEqualTo("ok");
        assertThat(calls).hasValue(2);
    }

    private static String fail() {
        throw new IllegalStateException("not yet");
    }
}
