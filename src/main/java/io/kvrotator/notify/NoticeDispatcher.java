package io.kvrotator.notify;

import io.kvrotator.support.Retry;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers every message on every channel, in order. Each channel gets a few attempts; a channel that still
 * fails is logged, and the message goes to the other channels as a fallback (naming the failed channels), so
 * that the failed channel's audience hears about it there. Every message is also written to the log first, so
 * it is never lost, even when every channel fails.
 */
public final class NoticeDispatcher {

    private static final System.Logger LOG = System.getLogger(NoticeDispatcher.class.getName());
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final List<Notifier> channels;
    private final Retry retry;
    private final Notifier log = new LogNotifier();

    /** One attempt per channel: for tests of the core. */
    public NoticeDispatcher(List<Notifier> channels) {
        this(channels, 1, Duration.ZERO, duration -> { });
    }

    public NoticeDispatcher(List<Notifier> channels, int attempts, Duration firstDelay, Retry.Sleeper sleeper) {
        this.channels = List.copyOf(channels);
        this.retry = new Retry(attempts, firstDelay, MAX_DELAY, sleeper);
    }

    /**
     * Never throws: a notification problem must not fail a rotation or a sweep.
     *
     * @return false when channels are configured and none delivered the message (the log line is then its only
     * record); true when one did, or when none is configured and notices are only logged
     */
    public boolean publish(Message message) {
        log.send(message, List.of());
        List<Notifier> delivered = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Integer> failedBeforeDelivery = new ArrayList<>();
        for (Notifier channel : channels) {
            List<String> failedSoFar = List.copyOf(failed);
            if (attempt(channel, message, () -> channel.send(message, failedSoFar))) {
                delivered.add(channel);
                failedBeforeDelivery.add(failed.size());
            } else {
                failed.add(channel.channel());
            }
        }
        // A channel that delivered before a later one failed carries the failed channel's message too.
        for (int i = 0; i < delivered.size(); i++) {
            Notifier channel = delivered.get(i);
            List<String> failedLater = failed.subList(failedBeforeDelivery.get(i), failed.size());
            if (!failedLater.isEmpty()) {
                List<String> failedChannels = List.copyOf(failedLater);
                attempt(channel, message, () -> channel.send(message, failedChannels));
            }
        }
        if (delivered.isEmpty() && !failed.isEmpty()) {
            LOG.log(Level.ERROR, () -> "notice.undelivered channels=%s %s (the log line above is the only record)"
                    .formatted(String.join(",", failed), message.describe()));
            return false;
        }
        return true;
    }

    /** Sends with retries; false (logged) when the channel still fails or refuses for good. */
    private boolean attempt(Notifier channel, Message message, Runnable send) {
        AtomicInteger tries = new AtomicInteger();
        try {
            retry.run(() -> {
                tries.incrementAndGet();
                send.run();
            }, NoticeDispatcher::refusedForGood);
            return true;
        } catch (Retry.GaveUp e) {
            if (!e.interrupted()) {
                logFailure(channel, tries.get(), message, e.getCause());
            }
            return false;
        } catch (RuntimeException e) {
            logFailure(channel, tries.get(), message, e);
            return false;
        }
    }

    /** A channel's own 4xx-like refusal is not retried; anything else (5xx, timeouts, bugs) is. */
    private static boolean refusedForGood(RuntimeException error) {
        return error instanceof ChannelException channelError && !channelError.retryable();
    }

    private static void logFailure(Notifier channel, int tries, Message message, Throwable error) {
        LOG.log(Level.WARNING, () -> "notice.channel_failed channel=%s attempts=%d %s error=%s"
                .formatted(channel.channel(), tries, message.describe(), SafeErrorText.of(error)));
    }
}
