package io.kvrotator.notify;

/** One channel that notices go out on (Teams, email, the log). */
public interface Notifier {

    /** A short name for logs, e.g. {@code teams}. */
    String channel();

    /** Delivers the notice or throws; the dispatcher decides about retries and fallbacks. */
    void send(Notice notice);
}
