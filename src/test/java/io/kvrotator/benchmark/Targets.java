package io.kvrotator.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The figures the issue sets a target for, and whether each was met. */
final class Targets {

    private final List<String> missed = new ArrayList<>();
    private int checked;

    /** Records the check and returns the word the tables print for it. */
    String check(String target, boolean met) {
        checked++;
        if (!met) {
            missed.add(target);
        }
        return met ? "yes" : "NO";
    }

    boolean allMet() {
        return missed.isEmpty();
    }

    String summary() {
        return allMet() ? "All " + checked + " targets met."
                : "Targets missed (" + missed.size() + " of " + checked + "): " + String.join("; ", missed);
    }
}
