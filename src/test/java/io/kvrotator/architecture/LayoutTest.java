package io.kvrotator.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's "Layout" names every package, so a newcomer finds each one there. */
class LayoutTest {

    @Test
    @DisplayName("README Layout lists every package of main and test")
    void readmeListsEveryPackage() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String layout = readme.substring(readme.indexOf("## Layout"), readme.indexOf("### Adding a credential type"));

        assertThat(packages(Path.of("src/main/java/io/kvrotator"))).allSatisfy(name ->
                assertThat(layout).as("main package %s", name).containsPattern("(?m)[ /]" + name + "/"));
        assertThat(packages(Path.of("src/test/java/io/kvrotator"))).filteredOn(name -> !name.contains("fixture/"))
                .allSatisfy(name -> assertThat(layout).as("test package %s", name)
                        .containsPattern("(?m)[ /]" + name + "/"));
    }

    /** Package paths under {@code root} that hold a class, e.g. {@code provider/storage}. */
    private static List<String> packages(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .map(dir -> root.relativize(dir).toString().replace('\\', '/')).filter(name -> !name.isEmpty())
                    .sorted().toList();
        }
    }
}
