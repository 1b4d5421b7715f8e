package io.kvrotator.benchmark;

import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.Transcript;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.TeeOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's own leak check, as the test suite's {@code LeakCheckExtension} does for a test class: while open,
 * it keeps the console output, every log record, the local host's HTTP responses and the notifications; then it
 * counts the secret values the sandbox issued that appear in them (never printing one).
 */
final class LeakGuard {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final LogCapture logs = LogCapture.start();
    private final int transcriptFrom = Transcript.size();
    private final StringBuilder extra = new StringBuilder();

    private LeakGuard() {
        System.setOut(new PrintStream(new TeeOutputStream(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeOutputStream(err, console), true, StandardCharsets.UTF_8));
    }

    static LeakGuard start() {
        return new LeakGuard();
    }

    /** Text said elsewhere that the check must also cover, such as a child JVM's output. */
    synchronized void include(String text) {
        extra.append(text).append('\n');
    }

    /** Restores the console and returns how many issued secret values appeared in what was kept. */
    int stop() {
        System.setOut(out);
        System.setErr(err);
        logs.close();
        String said = console.toString(StandardCharsets.UTF_8) + "\n" + logs.all() + "\n"
                + String.join("\n", Transcript.since(transcriptFrom)) + "\n" + extra;
        return IssuedSecrets.foundIn(said).size();
    }
}
