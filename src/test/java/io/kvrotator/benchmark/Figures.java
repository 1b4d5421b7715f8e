package io.kvrotator.benchmark;

import java.util.List;
import java.util.Locale;

/** Small helpers for the figures the tables print. */
final class Figures {

    private Figures() {
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String ratio(double measured, double bound) {
        return fixed(measured / bound, 2);
    }
}
