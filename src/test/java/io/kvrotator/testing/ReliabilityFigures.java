package io.kvrotator.testing;

/**
 * Prints a figure the README's Reliability section quotes, on a line of its own that is easy to find in the
 * test output ({@code grep '^RELIABILITY'} over target/surefire-reports/*-output.txt).
 */
public final class ReliabilityFigures {

    private ReliabilityFigures() {
    }

    public static void print(String name, String figures) {
        System.out.println("RELIABILITY " + name + " " + figures);
    }
}
