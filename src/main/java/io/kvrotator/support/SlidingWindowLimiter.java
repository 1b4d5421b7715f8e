package io.kvrotator.support;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} permits in any {@code window}: a caller beyond that learns how long to wait. Thread-safe.
 * Time comes from a nanosecond source so that tests can drive it.
 */
public final class SlidingWindowLimiter {

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Deque<Long> granted = new ArrayDeque<>();

    public SlidingWindowLimiter(int limit, Duration window, LongSupplier nanoTime) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Takes a permit now and returns zero, or takes none and returns how long to wait before asking again. */
    public synchronized Duration tryAcquire() {
        long now = nanoTime.getAsLong();
        while (!granted.isEmpty() && now - granted.peekFirst() >= windowNanos) {
            granted.pollFirst();
        }
        if (granted.size() < limit) {
            granted.addLast(now);
            return Duration.ZERO;
        }
        return Duration.ofNanos(granted.peekFirst() + windowNanos - now);
    }
}
