package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/scripts/seed-secrets.sh} against a stub {@code az} that records each call: the pipeline's principal
 * may write secrets and read their tags, never a value.
 */
class SeedSecretsScriptTest {

    /** Records its arguments; {@code secret list} answers with the hash in $STUB_DIR/hash (empty: no secret). */
    private static final String STUB_AZ = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >> "$STUB_DIR/calls"
            if [[ "$1 $2 $3" == "keyvault secret list" ]]; then cat "$STUB_DIR/hash" 2>/dev/null; echo; fi
            if [[ "$1 $2 $3" == "keyvault secret set" ]]; then
              for arg in "$@"; do [[ "$arg" == ValueSha256=* ]] && printf '%s' "${arg#ValueSha256=}" > "$STUB_DIR/hash"; done
            fi
            exit 0
            """;
    private static final String VALUE = "https://example.invalid/workflows/hook-" + "x".repeat(20);

    @TempDir
    Path stub;

    @Test
    @DisplayName("writes a new secret with the hash of its value in a tag, without reading any value")
    void writesWithoutReading() throws Exception {
        String output = seed();

        List<String> calls = calls();
        assertThat(calls).anyMatch(call -> call.startsWith("keyvault secret list --vault-name kv-dev-kvrotator"))
                .anyMatch(call -> call.startsWith("keyvault secret set --vault-name kv-dev-kvrotator"
                        + " --name ROTATOR-TEAMS-WEBHOOK-URL") && call.contains("ValueSha256="))
                .noneMatch(call -> call.contains("secret show"))
                .noneMatch(call -> call.contains(VALUE));
        assertThat(output).contains("ROTATOR-TEAMS-WEBHOOK-URL written to kv-dev-kvrotator").doesNotContain(VALUE);
    }

    @Test
    @DisplayName("leaves a secret whose tagged hash matches the value alone, so a re-run adds no version")
    void rerunAddsNoVersion() throws Exception {
        seed();
        String output = seed();

        assertThat(calls()).filteredOn(call -> call.contains("secret set")).hasSize(1);
        assertThat(output).contains("ROTATOR-TEAMS-WEBHOOK-URL is up to date in kv-dev-kvrotator");
    }

    private String seed() throws IOException, InterruptedException {
        Path az = stub.resolve("az");
        Files.writeString(az, STUB_AZ);
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder("bash",
                ProjectPaths.infraDir().resolve("scripts/seed-secrets.sh").toString(), "kv-dev-kvrotator",
                "ROTATOR_TEAMS_WEBHOOK_URL").redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("PATH", stub + ":" + environment.get("PATH"));
        environment.put("STUB_DIR", stub.toString());
        environment.put("ROTATOR_TEAMS_WEBHOOK_URL", VALUE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(stub.resolve("calls"));
    }
}
