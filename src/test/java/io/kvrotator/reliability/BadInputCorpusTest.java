package io.kvrotator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.app.Setting;
import io.kvrotator.localhost.HostedApp;
import io.kvrotator.localhost.LocalFunctionsHost;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.Principals;
import io.kvrotator.testing.ReliabilityFigures;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the bad-input corpus ({@code src/test/resources/bad-input}) against the local host: each gets a
 * clear error or a logged skip, and nothing changes in any stand-in. App Service authentication is on, as in Azure,
 * so that the principal header is read (with it off, the header is ignored: see {@code LocalHostApiTest}).
 */
class BadInputCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "corpus-function-key-0123456789";
    private static final Set<String> NO_CHANGE_SERVICES = Set.of("arm", "blob", "graph", "entra", "teams");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Sandbox sandbox;
    private static LocalFunctionsHost host;
    private static LogCapture logs;
    private static JsonNode initialState;

    @BeforeAll
    static void start() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T07:00:00Z"));
        logs = LogCapture.start();
        sandbox = Sandbox.start(clock);
        SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        Map<String, String> settings = new HashMap<>(sandbox.appSettings("kv-dev-rotator"));
        settings.put(Setting.PLATFORM_AUTHENTICATION.key(), "True");
        sandbox.install(settings);
        host = new LocalFunctionsHost(HostedApp.current().functions(), KEY, () -> SandboxState.of(sandbox), 0);
        initialState = SandboxState.of(sandbox);
    }

    @AfterAll
    static void stop() throws IOException {
        ReliabilityFigures.print("corpus", "cases=%d events=%d http=%d".formatted(
                eventCases().size() + httpCases().size(), eventCases().size(), httpCases().size()));
        host.close();
        sandbox.close();
        logs.close();
    }

    @TestFactory
    Stream<DynamicTest> hostileEventDeliveriesCompleteWithALoggedReasonAndChangeNothing() throws IOException {
        return eventCases().stream().map(line -> {
            String[] fields = line.split("\t");
            return DynamicTest.dynamicTest(fields[0], () -> {
                int before = logs.lines().size();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(host.baseUrl()
                                + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry"))
                        .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(corpus().resolve("events").resolve(fields[0]))).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as("completed, so Event Grid does not redeliver").isEqualTo(200);
                String marker = fields[1].equals("rejected") ? "event.rejected" : "rotation.skipped";
                assertThat(logs.lines().subList(before, logs.lines().size()))
                        .anySatisfy(logLine -> assertThat(logLine).contains(marker, fields[2]));
                assertUnchanged();
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> hostileHttpRequestsGetAClearErrorAndChangeNothing() throws IOException {
        return httpCases().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] expect = lines.get(0).substring("# expect ".length()).split(" ", 2);
            String[] requestLine = lines.get(1).split(" ", 2);
            int blank = lines.indexOf("");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUrl() + requestLine[1]));
            for (String header : lines.subList(2, blank)) {
                String[] parts = header.split(": ", 2);
                request.header(parts[0], parts[1].replace("{KEY}", KEY)
                        .replace("{PRINCIPAL_ALICE}", Principals.header("alice@contoso.com", List.of())));
            }
            String body = String.join("\n", lines.subList(blank + 1, lines.size()));
            request.method(requestLine[0], body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));

            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(Integer.parseInt(expect[0]));
            assertThat(response.body()).contains(expect[1]);
            assertUnchanged();
        }));
    }

    private static void assertUnchanged() {
        assertThat(SandboxState.of(sandbox)).isEqualTo(initialState);
        sandbox.standIns().stream().filter(standIn -> NO_CHANGE_SERVICES.contains(standIn.service()))
                .forEach(standIn -> assertThat(standIn.calls()).as(standIn.service() + " calls").isEmpty());
    }

    private static List<String> eventCases() throws IOException {
        return Files.readAllLines(corpus().resolve("events").resolve("expected.tsv")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    private static List<Path> httpCases() throws IOException {
        try (Stream<Path> files = Files.list(corpus().resolve("http"))) {
            return new ArrayList<>(files.filter(f -> f.toString().endsWith(".http")).sorted().toList());
        }
    }

    private static Path corpus() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
