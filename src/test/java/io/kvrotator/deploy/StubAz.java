package io.kvrotator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * An {@code az} executable for deploy-code.sh's tests: it records each call's arguments and answers only the two
 * calls the script may make, in the form the script asks for. {@code function list} prints
 * the answer set for its call, else the default answer, else fails as the CLI does while the Functions
 * host starts.
 */
final class StubAz {

    private static final String SCRIPT = """
            #!/usr/bin/env bash
            (IFS=$'\\t'; printf '%s\\n' "$*") >>"$AZ_STUB_DIR/calls"
            case "$*" in
              'functionapp deployment source config-zip --resource-group '*' --name '*' --src '*)
                if [[ -f "$AZ_STUB_DIR/deploy-fails" ]]; then
                  echo "ERROR: An error occured during deployment. Status Code: 400" >&2
                  exit 1
                fi
                echo '"Deployment was successful."' ;;
              'functionapp function list --resource-group '*' --name '*' --query [].name --output tsv')
                calls=$(grep -c $'^functionapp\\tfunction\\tlist\\t' "$AZ_STUB_DIR/calls")
                for answer in "$AZ_STUB_DIR/function-list-$calls" "$AZ_STUB_DIR/function-list"; do
                  if [[ -f "$answer" ]]; then cat "$answer"; exit 0; fi
                done
                echo "ERROR: Operation returned an invalid status 'Bad Request'" >&2
                exit 1 ;;
              *)
                echo "unexpected az call: $*" >&2
                exit 99 ;;
            esac
            """;

    private final Path dir;

    private StubAz(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code dir/bin/az}; put {@link #binDir()} first on the PATH and {@code AZ_STUB_DIR=dir}. */
    static StubAz in(Path dir) throws IOException {
        Path az = dir.resolve("bin").resolve("az");
        Files.createDirectories(az.getParent());
        Files.writeString(az, SCRIPT);
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new StubAz(dir);
    }

    Path dir() {
        return dir;
    }

    Path binDir() {
        return dir.resolve("bin");
    }

    /** What the n-th {@code function list} call prints ({@code <app>/<function>} lines, as the CLI's tsv). */
    StubAz listsOnCall(int call, String appName, String... functions) throws IOException {
        return listing("function-list-" + call, appName, functions);
    }

    /** What every {@code function list} call prints unless {@link #listsOnCall} set its own answer. */
    StubAz lists(String appName, String... functions) throws IOException {
        return listing("function-list", appName, functions);
    }

    private StubAz listing(String file, String appName, String... functions) throws IOException {
        StringBuilder tsv = new StringBuilder();
        for (String function : functions) {
            tsv.append(appName).append('/').append(function).append('\n');
        }
        Files.writeString(dir.resolve(file), tsv);
        return this;
    }

    StubAz failsToDeploy() throws IOException {
        Files.writeString(dir.resolve("deploy-fails"), "");
        return this;
    }

    /** Each call's arguments, in order. */
    List<List<String>> calls() {
        Path calls = dir.resolve("calls");
        try {
            return Files.exists(calls)
                    ? Files.readAllLines(calls).stream().map(line -> Arrays.asList(line.split("\t"))).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
