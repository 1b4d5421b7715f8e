package io.kvrotator.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's files are when tests run (surefire runs them in the project directory). */
final class ProjectPaths {

    private ProjectPaths() {
    }

    static Path projectDir() {
        for (Path candidate : new Path[] {Path.of("").toAbsolutePath(), Path.of(System.getProperty("basedir", "."))}) {
            if (Files.isRegularFile(candidate.resolve("infra/main.bicep"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find infra/main.bicep from " + Path.of("").toAbsolutePath());
    }

    static Path infraDir() {
        return projectDir().resolve("infra");
    }
}
