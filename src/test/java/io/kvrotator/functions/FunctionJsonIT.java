package io.kvrotator.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the function.json files that {@code mvn package} generated (runs in verify, after packaging). */
class FunctionJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} has a {1} binding named {2}")
    @CsvSource({
            "SecretNearExpiry, eventGridTrigger, event",
            "SecretExpired, eventGridTrigger, event"})
    void generatedBinding(String function, String type, String name) throws IOException {
        JsonNode json = JSON.readTree(Files.readString(functionsDir().resolve(function).resolve("function.json")));

        assertThat(json.path("bindings")).anySatisfy(binding -> {
            assertThat(binding.path("type").asText()).isEqualTo(type);
            assertThat(binding.path("name").asText()).isEqualTo(name);
            assertThat(binding.path("direction").asText()).isEqualTo("in");
        });
        assertThat(json.path("entryPoint").asText()).startsWith(KeyVaultEventFunctions.class.getName() + ".");
        assertThat(json.path("scriptFile").asText()).endsWith(".jar");
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
