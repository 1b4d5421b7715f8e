package io.kvrotator.sandbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything kv-rotator said to people in this JVM: HTTP responses of the local host and notifications posted to
 * the Teams and email stand-ins. The leak check scans it, with the logs, for secret values.
 */
public final class Transcript {

    private static final List<String> ENTRIES = new CopyOnWriteArrayList<>();

    private Transcript() {
    }

    public static void record(String channel, String text) {
        ENTRIES.add(channel + ": " + text);
    }

    public static int size() {
        return ENTRIES.size();
    }

    /** The entries recorded since {@code from} (a previous {@link #size()}). */
    public static List<String> since(int from) {
        return List.copyOf(ENTRIES.subList(Math.min(from, ENTRIES.size()), ENTRIES.size()));
    }
}
