package io.kvrotator.notify;

import java.util.List;

/** What a channel delivers: a {@link Notice} about one item, or the daily {@link Digest}. */
public sealed interface Message permits Notice, Digest {

    Severity severity();

    /** Addresses and Teams route names this message is for; empty means each channel's defaults. */
    List<String> owners();

    /** One line for logs: what the message is about, never a secret. */
    String describe();
}
