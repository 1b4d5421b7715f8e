package io.kvrotator.notify;

import java.util.List;

/** One channel that notices go out on (Teams, email). */
public interface Notifier {

    /** A short name for logs, e.g. {@code teams}. */
    String channel();

    /**
     * Delivers the message to its owners, or to this channel's defaults when it names none of this channel's
     * kind. With {@code failedChannels} not empty the message is one those channels could not deliver: it also
     * goes to this channel's defaults, saying so, so that the failed channel's audience still hears of it.
     * Throws {@link ChannelException} when it cannot deliver; the dispatcher decides about retries and fallbacks.
     */
    void send(Message message, List<String> failedChannels);
}
