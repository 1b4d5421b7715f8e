package io.kvrotator.sandbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret value the sandbox ever issued or stored in this JVM, so a leak check can look for each of them. */
public final class IssuedSecrets {

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private IssuedSecrets() {
    }

    public static void record(String value) {
        if (value != null && value.length() >= 8) {
            VALUES.add(value);
        }
    }

    /** The values found in {@code text}; empty when it leaks none. */
    public static List<String> foundIn(String text) {
        return VALUES.stream().filter(text::contains).toList();
    }

    public static int count() {
        return VALUES.size();
    }
}
