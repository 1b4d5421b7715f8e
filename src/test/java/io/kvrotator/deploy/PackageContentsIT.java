package io.kvrotator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the deploy zip carries (issue 18): little enough for a cold Flex Consumption instance to download fast, the app's
 * jar and one shrunk jar of its libraries, and nothing the Functions platform cannot or need not load (runs in verify).
 */
class PackageContentsIT {

    private static final Path ZIP = Path.of(System.getProperty("kvrotator.functions.zip",
            "target/kv-rotator-functions.zip"));
    private static final long MAX_ZIP_BYTES = 25L * 1024 * 1024;
    /** Left out of the package on purpose: Netty (the JDK's HTTP client serves azure-core), JNA, token-cache persistence. */
    private static final List<String> LEFT_OUT = List.of("io/netty/", "reactor/netty/", "com/azure/core/http/netty/",
            "com/sun/jna/", "com/microsoft/aad/msal4jextensions/");

    @Test
    @DisplayName("the zip is at most 25 MiB")
    void zipIsSmall() throws IOException {
        assertThat(Files.size(ZIP)).as("bytes").isLessThanOrEqualTo(MAX_ZIP_BYTES);
    }

    @Test
    @DisplayName("lib/ holds the shrunk libraries and the Functions library, the zip root the app's jar")
    void layout() throws IOException {
        List<String> jars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".jar")).forEach(jars::add);
        }
        assertThat(jars).containsExactlyInAnyOrder("kv-rotator-1.0.0.jar", "lib/kv-rotator-libraries.jar",
                "lib/azure-functions-java-library-3.2.3.jar");
    }

    @Test
    @DisplayName("no native library and none of the libraries left out, in the zip or in its jars")
    void nothingNativeNorLeftOut() throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                check(entry.getName(), found);
                if (entry.getName().endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(entry); ZipInputStream jar = new ZipInputStream(in)) {
                        for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                            check(entry.getName() + "!" + inner.getName(), found);
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static void check(String path, List<String> found) {
        String name = path.substring(path.lastIndexOf('!') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib") || name.endsWith(".jnilib")
                || LEFT_OUT.stream().anyMatch(name::startsWith)) {
            found.add(path);
        }
    }
}
