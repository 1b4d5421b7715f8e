package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree-sitter syntax check of every template; skipped, saying why, where Node and npm are not installed. */
class BicepSyntaxCheckTest {

    private static BicepSyntaxCheck syntax;

    @BeforeAll
    static void installTheParser() {
        Optional<String> unavailable = BicepSyntaxCheck.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "Bicep syntax check skipped: " + unavailable.orElse(""));
        syntax = new BicepSyntaxCheck(ProjectPaths.projectDir().resolve("tools/bicep-syntax"));
        syntax.install();
    }

    @Test
    @DisplayName("finds no syntax error in any template under infra/")
    void templatesParse() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(ProjectPaths.infraDir())) {
            templates = files.filter(f -> f.toString().endsWith(".bicep")).sorted().toList();
        }
        assertThat(templates).hasSizeGreaterThanOrEqualTo(7);
        assertThat(syntax.check(templates)).isEmpty();
    }

    @Test
    @DisplayName("reports a property without its colon, with its line")
    void missingColon(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("keyVault.bicep");
        Files.writeString(broken, Files.readString(ProjectPaths.infraDir().resolve("modules/keyVault.bicep"))
                .replace("enablePurgeProtection: true", "enablePurgeProtection true"));

        assertThat(syntax.check(List.of(broken))).singleElement().satisfies(error -> {
            assertThat(error.file()).endsWith("keyVault.bicep");
            assertThat(error.line()).isEqualTo(lineOf(broken, "enablePurgeProtection true"));
        });
    }

    @Test
    @DisplayName("reports an object that is never closed")
    void unclosedObject(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("main.bicep");
        String main = Files.readString(ProjectPaths.infraDir().resolve("main.bicep"));
        Files.writeString(broken, main.substring(0, main.lastIndexOf("output functionAppName")).stripTrailing()
                .replaceFirst("}\\s*$", ""));

        assertThat(syntax.check(List.of(broken))).isNotEmpty();
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
