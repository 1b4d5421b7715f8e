package io.kvrotator.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Syntax check of Bicep files with the tree-sitter Bicep grammar, run by Node from {@code tools/bicep-syntax}.
 * No Bicep compiler can be installed here (its npm wrappers download the CLI when they run); tree-sitter's
 * packages ship prebuilt binaries, so {@code npm ci --ignore-scripts} from the committed lockfile is all the
 * installation there is. It checks syntax only; the policy is {@link InfraPolicyCheck}'s job. The grammar does
 * not cover {@code .bicepparam} files; those are read by the structural check.
 */
final class BicepSyntaxCheck {

    /** One syntax error: file, 1-based line and column, and what the parser found. */
    record SyntaxError(String file, int line, int column, String problem) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + problem;
        }
    }

    private static final long NPM_CI_MINUTES = 5;
    private static final long CHECK_MINUTES = 2;

    private final Path toolDir;

    BicepSyntaxCheck(Path toolDir) {
        this.toolDir = toolDir;
    }

    /** Why the check cannot run here (no Node, no npm), or empty when it can. */
    static Optional<String> unavailableReason() {
        for (String tool : List.of("node", "npm")) {
            try {
                Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return Optional.of(tool + " --version failed");
                }
            } catch (IOException e) {
                return Optional.of(tool + " is not installed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.empty();
    }

    /** Installs the tool from its lockfile unless the installed copy is already at least as new. */
    void install() {
        Path installed = toolDir.resolve("node_modules/.package-lock.json");
        Path lockfile = toolDir.resolve("package-lock.json");
        try {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lockfile)) >= 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result result = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), NPM_CI_MINUTES);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + toolDir + " failed (" + result.exitCode() + "):\n"
                    + result.output());
        }
    }

    List<SyntaxError> check(List<Path> files) {
        List<String> command = new ArrayList<>(List.of("node", "check.js"));
        files.forEach(file -> command.add(file.toAbsolutePath().toString()));
        Result result = run(command, CHECK_MINUTES);
        if (result.exitCode() != 0 && result.exitCode() != 1) {
            throw new IllegalStateException("the Bicep syntax check could not run (" + result.exitCode() + "):\n"
                    + result.output());
        }
        List<SyntaxError> errors = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : result.output().split("\n")) {
            if (line.startsWith("{")) {
                try {
                    JsonNode error = json.readTree(line);
                    errors.add(new SyntaxError(error.path("file").asText(), error.path("line").asInt(),
                            error.path("column").asInt(), error.path("problem").asText()));
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable output of check.js: " + line, e);
                }
            }
        }
        if (result.exitCode() == 1 && errors.isEmpty()) {
            throw new IllegalStateException("check.js failed without reporting an error:\n" + result.output());
        }
        return errors;
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command, long timeoutMinutes) {
        try {
            Path log = Files.createTempFile("bicep-syntax", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(toolDir.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took over " + timeoutMinutes + " min");
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
