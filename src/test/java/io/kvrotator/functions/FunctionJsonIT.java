package io.kvrotator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.localhost.FunctionCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the function.json files that {@code mvn package} generated (runs in verify, after packaging). */
class FunctionJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} has a {1} binding")
    @CsvSource({
            "SecretNearExpiry, eventGridTrigger, ",
            "SecretExpired, eventGridTrigger, ",
            "RotateSecret, httpTrigger, secrets/{vault}/{name}/rotate",
            "SecretStatus, httpTrigger, secrets/{vault}/{name}",
            "RevokeSecret, httpTrigger, secrets/{vault}/{name}/revoke",
            "RetireSecret, httpTrigger, secrets/{vault}/{name}/retire",
            "ListRevocations, httpTrigger, revocations",
            "ApproveRevocation, httpTrigger, revocations/{id}/approve",
            "WithdrawRevocation, httpTrigger, revocations/{id}",
            "ExpiryReport, httpTrigger, expiries",
            "AccessReview, httpTrigger, access-review",
            "ReplayDeadLetters, httpTrigger, deadletters/replay"})
    void generatedBinding(String function, String type, String route) throws IOException {
        JsonNode binding = trigger(functionJson(function));

        assertThat(binding.path("type").asText()).isEqualTo(type);
        assertThat(binding.path("direction").asText()).isEqualTo("in");
        if (type.equals("httpTrigger")) {
            assertThat(binding.path("route").asText()).isEqualTo(route);
            assertThat(binding.path("authLevel").asText()).isEqualToIgnoringCase("function");
        }
    }

    @Test
    @DisplayName("the local host finds exactly the functions, entry points and routes that Azure will run")
    void localHostMatchesPackage() throws IOException {
        Map<String, String> packaged = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(functionsDir())) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("function.json"))).toList()) {
                JsonNode json = functionJson(dir.getFileName().toString());
                assertThat(json.path("scriptFile").asText()).endsWith(".jar");
                packaged.put(dir.getFileName().toString(), json.path("entryPoint").asText() + " "
                        + trigger(json).path("route").asText(""));
            }
        }
        Map<String, String> local = new TreeMap<>();
        FunctionCatalog.scan("io.kvrotator.functions").functions().forEach(function -> local.put(function.name(),
                function.method().getDeclaringClass().getName() + "." + function.method().getName() + " "
                        + (function.route() == null ? "" : function.route())));

        assertThat(local).isEqualTo(packaged).isNotEmpty();
    }

    private static JsonNode trigger(JsonNode functionJson) {
        for (JsonNode binding : functionJson.path("bindings")) {
            if (binding.path("type").asText().endsWith("Trigger")) {
                return binding;
            }
        }
        throw new AssertionError("no trigger binding in " + functionJson);
    }

    private static JsonNode functionJson(String function) throws IOException {
        return JSON.readTree(Files.readString(functionsDir().resolve(function).resolve("function.json")));
    }

    @Test
    @DisplayName("ExpirySweep is a timer whose schedule is the ROTATOR_SWEEP_SCHEDULE app setting")
    void expirySweepTimer() throws IOException {
        JsonNode json = JSON.readTree(Files.readString(functionsDir().resolve("ExpirySweep").resolve("function.json")));

        assertThat(json.path("bindings")).singleElement().satisfies(binding -> {
            assertThat(binding.path("type").asText()).isEqualTo("timerTrigger");
            assertThat(binding.path("name").asText()).isEqualTo("timer");
            assertThat(binding.path("direction").asText()).isEqualTo("in");
            assertThat(binding.path("schedule").asText()).isEqualTo("%ROTATOR_SWEEP_SCHEDULE%");
        });
        assertThat(json.path("entryPoint").asText()).isEqualTo(ExpirySweepFunction.class.getName() + ".run");
    }

    static Path functionsDir() {
        return Path.of(System.getProperty("kvrotator.functions.dir", "target/azure-functions/kv-rotator"));
    }
}
