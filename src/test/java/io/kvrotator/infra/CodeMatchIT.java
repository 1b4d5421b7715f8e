package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Bicep against the functions {@code mvn package} generated (runs in verify, after packaging). */
class CodeMatchIT {

    @Test
    @DisplayName("the Event Grid functions the Bicep subscribes are the ones the Maven plugin generated")
    void eventGridFunctionsMatchFunctionJson() {
        Map<String, String> generated = AppFunctions.fromFunctionJson(
                Path.of(System.getProperty("kvrotator.functions.dir", "target/azure-functions/kv-rotator")));

        assertThat(generated).isNotEmpty().isEqualTo(AppFunctions.fromAnnotations());
        Set<String> eventGrid = generated.entrySet().stream()
                .filter(f -> f.getValue().equals(AppFunctions.EVENT_GRID_TRIGGER))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(eventGrid).contains("SecretNearExpiry", "SecretExpired");
        assertThat(new InfraPolicyCheck(InfraExpectations.fromCode(eventGrid))
                .check(InfraSources.read(ProjectPaths.infraDir()))).isEmpty();
    }
}
