package io.kvrotator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.localhost.FunctionCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The zip every environment gets ({@code target/kv-rotator-functions.zip}) against the folder
 * {@code azure-functions:package} staged and the functions the code declares (runs in verify, after packaging).
 */
class FunctionsZipIT {

    private static final Path STAGED = Path.of(System.getProperty("kvrotator.functions.dir",
            "target/azure-functions/kv-rotator"));
    private static final Path ZIP = Path.of(System.getProperty("kvrotator.functions.zip",
            "target/kv-rotator-functions.zip"));
    /** Core Tools' local settings: the plugin stages a developer's copy, secrets and all; Azure never reads it. */
    private static final String LOCAL_SETTINGS = "local.settings.json";
    private static final Pattern FUNCTION_JSON = Pattern.compile("([^/]+)/function\\.json");

    @Test
    @DisplayName("the zip holds every staged file at the same path with the same bytes, and nothing else")
    void zipIsTheStagedFolder() {
        Map<String, String> staged = FileDigests.ofFolder(STAGED);
        staged.remove(LOCAL_SETTINGS);

        Map<String, String> zipped = FileDigests.ofZip(ZIP);

        assertThat(staged).containsKey("host.json").hasSizeGreaterThan(10);
        assertThat(without(staged.keySet(), zipped.keySet())).as("staged but not in the zip").isEmpty();
        assertThat(without(zipped.keySet(), staged.keySet())).as("in the zip but not staged").isEmpty();
        assertThat(staged.keySet()).as("in both with different bytes")
                .allMatch(path -> staged.get(path).equals(zipped.get(path)));
    }

    @Test
    @DisplayName("the zip leaves out local.settings.json")
    void zipLeavesOutLocalSettings() {
        assertThat(FileDigests.ofZip(ZIP)).doesNotContainKey(LOCAL_SETTINGS);
    }

    @Test
    @DisplayName("the zip holds <FunctionName>/function.json for exactly the @FunctionName methods of the code")
    void zipHoldsEveryDeclaredFunction() {
        Set<String> declared = FunctionCatalog.scan("io.kvrotator.functions").functions().stream()
                .map(FunctionCatalog.FunctionEntry::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(functionsIn(FileDigests.ofZip(ZIP).keySet())).isEqualTo(declared)
                .contains("SecretNearExpiry", "SecretExpired");
    }

    @Test
    @DisplayName("each function.json names a jar at the zip's root, and lib/ holds the dependencies")
    void functionsFindTheirJar() throws IOException {
        Set<String> paths = FileDigests.ofZip(ZIP).keySet();
        ObjectMapper json = new ObjectMapper();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (String function : functionsIn(paths)) {
                try (InputStream in = zip.getInputStream(zip.getEntry(function + "/function.json"))) {
                    String scriptFile = json.readTree(in).path("scriptFile").asText();
                    assertThat(scriptFile).as(function).startsWith("../").endsWith(".jar");
                    assertThat(paths).as(function).contains(scriptFile.substring("../".length()));
                }
            }
        }
        assertThat(paths).anyMatch(path -> path.startsWith("lib/") && path.endsWith(".jar"));
    }

    private static Set<String> without(Set<String> these, Set<String> those) {
        Set<String> rest = new TreeSet<>(these);
        rest.removeAll(those);
        return rest;
    }

    private static Set<String> functionsIn(Set<String> paths) {
        Set<String> functions = new TreeSet<>();
        for (String path : paths) {
            Matcher matcher = FUNCTION_JSON.matcher(path);
            if (matcher.matches()) {
                functions.add(matcher.group(1));
            }
        }
        return functions;
    }
}
