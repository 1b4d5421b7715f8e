package io.kvrotator.testing;

import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (see META-INF/services): captures all log records, console output, HTTP
 * responses and notifications of the class and fails it if any secret value the sandbox ever issued appears there. Failure messages name only how
 * many values leaked and where, never the values.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheckExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getTestClass().map(type -> type.isAnnotationPresent(DeliberatelyLeaks.class)).orElse(false)) {
            return;
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new TeeOutputStream(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new TeeOutputStream(err, console), true, StandardCharsets.UTF_8));
        context.getStore(NAMESPACE).put("state", new State(LogCapture.start(), console, out, err, Transcript.size()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        State state = context.getStore(NAMESPACE).remove("state", State.class);
        if (state == null) {
            return;
        }
        System.setOut(state.out());
        System.setErr(state.err());
        state.logs().close();
        List<String> inLogs = IssuedSecrets.foundIn(state.logs().all());
        List<String> inConsole = IssuedSecrets.foundIn(state.console().toString(StandardCharsets.UTF_8));
        List<String> inTranscript = IssuedSecrets.foundIn(String.join("\n", Transcript.since(state.transcriptFrom())));
        if (!inLogs.isEmpty() || !inConsole.isEmpty() || !inTranscript.isEmpty()) {
            throw new AssertionError("secret values leaked: " + inLogs.size() + " in log records, "
                    + inConsole.size() + " in console output, " + inTranscript.size()
                    + " in HTTP responses and notifications of " + context.getDisplayName());
        }
    }

    private record State(LogCapture logs, ByteArrayOutputStream console, PrintStream out, PrintStream err,
                         int transcriptFrom) {
    }
}
