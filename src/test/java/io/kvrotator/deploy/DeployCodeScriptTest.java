package io.kvrotator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infra/scripts/deploy-code.sh against a stub {@code az} on the PATH. */
class DeployCodeScriptTest {

    private static final Path SCRIPT = Path.of("infra/scripts/deploy-code.sh");
    private static final String GROUP = "rg-test-kvrotator";
    private static final String APP = "func-test-kvrotator";

    @TempDir
    Path dir;
    private StubAz az;
    private Path zip;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(onPath("unzip"), "deploy-code.sh reads the package with unzip, which is not on this machine");
        az = StubAz.in(dir.resolve("stub"));
        // a space in the path: the script must quote it
        zip = zip(dir.resolve("build output/kv-rotator-functions.zip"), "host.json", "kv-rotator-1.0.0.jar",
                "lib/dependency.jar", "SecretNearExpiry/function.json", "SecretExpired/function.json");
    }

    @Test
    @DisplayName("deploys the given zip with config-zip, then lists functions until the app shows every one it holds")
    void deploysThenWaitsForEveryFunction() throws Exception {
        az.listsOnCall(2, APP, "SecretNearExpiry").listsOnCall(3, APP, "SecretNearExpiry", "SecretExpired");

        Run run = run(Map.of(), GROUP, APP, zip.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(az.calls()).containsExactly(
                List.of("functionapp", "deployment", "source", "config-zip", "--resource-group", GROUP, "--name", APP,
                        "--src", zip.toString()),
                functionList(), functionList(), functionList());
        assertThat(run.stdout()).contains(
                "Waiting up to 600 s until " + APP + " lists all 2 functions: SecretExpired SecretNearExpiry",
                "Still waiting for: SecretExpired SecretNearExpiry; the listing failed: ERROR: Operation returned",
                "Still waiting for: SecretExpired\n");
        assertThat(run.stdout()).endsWith(APP + " lists all 2 functions: SecretExpired SecretNearExpiry\n");
    }

    @Test
    @DisplayName("fails naming the missing functions when the app never lists them all in time")
    void failsWhenFunctionsNeverAppear() throws Exception {
        az.lists(APP, "SecretNearExpiry", "SomeOtherFunction");

        Run run = run(Map.of("KVROTATOR_FUNCTIONS_WAIT_SECONDS", "2", "KVROTATOR_FUNCTIONS_POLL_SECONDS", "1"),
                GROUP, APP, zip.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("after 2 s, " + APP + " still does not list: SecretExpired.",
                "Do not run the events pass");
        assertThat(az.calls()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("stops without waiting when the deployment fails")
    void stopsWhenDeploymentFails() throws Exception {
        az.failsToDeploy().lists(APP, "SecretNearExpiry", "SecretExpired");

        Run run = run(Map.of(), GROUP, APP, zip.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(az.calls()).hasSize(1);
        assertThat(run.stdout()).doesNotContain("Waiting");
    }

    @Test
    @DisplayName("refuses a zip without <FunctionName>/function.json at its root, before calling az")
    void refusesZipWithoutFunctions() throws Exception {
        Path folderZip = zip(dir.resolve("nested.zip"), "kv-rotator/host.json", "kv-rotator/SecretExpired/function.json");

        Run run = run(Map.of(), GROUP, APP, folderZip.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("holds no <FunctionName>/function.json at its root");
        assertThat(az.calls()).isEmpty();
    }

    @Test
    @DisplayName("refuses to run without exactly a resource group, an app and a zip")
    void refusesMissingArguments() throws Exception {
        Run run = run(Map.of(), GROUP, APP);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("usage:");
        assertThat(az.calls()).isEmpty();
    }

    private static List<String> functionList() {
        return List.of("functionapp", "function", "list", "--resource-group", GROUP, "--name", APP, "--query",
                "[].name", "--output", "tsv");
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(Map<String, String> env, String... arguments) throws Exception {
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.command().addAll(List.of(arguments));
        builder.environment().put("PATH", az.binDir() + ":" + System.getenv("PATH"));
        builder.environment().put("AZ_STUB_DIR", az.dir().toString());
        builder.environment().put("KVROTATOR_FUNCTIONS_POLL_SECONDS", "0");
        builder.environment().putAll(env);
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("deploy-code.sh did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private static Path zip(Path zip, String... entries) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zipped.putNextEntry(new ZipEntry(entry));
                zipped.write("{}".getBytes());
                zipped.closeEntry();
            }
        }
        return zip;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
