package io.kvrotator.notify;

import java.util.List;

/** One channel that notices go out on (Teams, email). */
public interface Notifier {

    /** A short name for logs, e.g. {@code teams}. */
    String channel();

    /**
     * Delivers the message to its owners, or to this channel's defaults when it names none of this channel's
     * kind. Throws {@link ChannelException} when it cannot; the dispatcher decides about retries and fallbacks.
     */
    void send(Message message);

    /**
     * Delivers a message that the named channels failed to deliver: to this channel's defaults as well as the
     * owners, saying what failed, so the failed channel's audience still hears about it.
     */
    default void sendInsteadOf(List<String> failedChannels, Message message) {
        send(message);
    }
}
