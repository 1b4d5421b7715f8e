package io.kvrotator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, Duration.ofSeconds(10), nanos::get);

    @Test
    @DisplayName("grants the limit at once, then says how long until the oldest permit leaves the window")
    void waitsForTheWindow() {
        assertThat(limiter.tryAcquire()).isZero();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();

        assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofSeconds(8));
        nanos.addAndGet(Duration.ofSeconds(8).toNanos());
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofSeconds(2));
    }
}
