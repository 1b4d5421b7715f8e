package io.kvrotator.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size of the Functions app {@code mvn package} stages and of the zip every environment gets, by component: the
 * app's jar, the Functions library, and within the shrunk libraries jar each library family (compressed bytes).
 */
final class PackageSize {

    static final Path ZIP = Path.of("target", "kv-rotator-functions.zip");
    private static final double MIB = 1024.0 * 1024.0;
    private static final long MAX_ZIP_BYTES = 25L * 1024 * 1024;
    private static final String LIBRARIES = "lib/kv-rotator-libraries.jar";
    /** Library families by the class path prefixes they own; the first match wins. */
    private static final Map<String, List<String>> FAMILIES = families();

    private PackageSize() {
    }

    static Table measure(Path staged, Targets targets) {
        Table table = new Table("Deployed package (" + staged + " and " + ZIP + ", made by mvn package)", "what",
                "MiB", "files");
        if (!Files.isDirectory(staged) || !Files.isRegularFile(ZIP)) {
            return table.row("staged folder or zip", "missing", "-").note("Run mvn package (scripts/benchmark.sh does).");
        }
        List<Path> files = files(staged);
        long zipBytes = size(ZIP);
        table.row("zip (what a deployment uploads and a cold instance downloads)", mib(zipBytes), 1)
                .row("staged folder", mib(files.stream().mapToLong(PackageSize::size).sum()), files.size());
        for (Path file : files) {
            String path = staged.relativize(file).toString().replace('\\', '/');
            if (path.endsWith(".jar")) {
                table.row("  " + path, mib(size(file)), 1);
            }
        }
        Path libraries = staged.resolve(LIBRARIES);
        if (Files.isRegularFile(libraries)) {
            byFamily(libraries).forEach((family, bytes) -> table.row("    of which " + family + " (compressed)",
                    mib(bytes[0]), bytes[1]));
        }
        String met = targets.check("package: the zip is at most 25 MiB", zipBytes <= MAX_ZIP_BYTES);
        return table.note("The zip is at most 25 MiB: " + met + ". Libraries: every runtime dependency merged and"
                + " shrunk by ProGuard to what the app reaches (src/main/proguard/kv-rotator.pro); no Netty, no"
                + " native library, no token-cache persistence.");
    }

    private static Map<String, long[]> byFamily(Path jar) {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        FAMILIES.keySet().forEach(family -> sizes.put(family, new long[2]));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(entry -> !entry.isDirectory()).toList()) {
                String family = FAMILIES.entrySet().stream()
                        .filter(candidate -> candidate.getValue().stream().anyMatch(entry.getName()::startsWith))
                        .map(Map.Entry::getKey).findFirst().orElse("other");
                long[] figures = sizes.computeIfAbsent(family, name -> new long[2]);
                figures[0] += Math.max(0, entry.getCompressedSize());
                figures[1]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        sizes.values().removeIf(figures -> figures[1] == 0);
        return sizes;
    }

    private static Map<String, List<String>> families() {
        Map<String, List<String>> families = new LinkedHashMap<>();
        families.put("Microsoft Graph core, Kiota", List.of("com/microsoft/graph/core/", "com/microsoft/kiota/",
                "io/github/stduritemplate/", "io/opentelemetry/", "com/google/gson/"));
        families.put("Microsoft Graph models and request builders", List.of("com/microsoft/graph/"));
        families.put("Azure Resource Manager libraries", List.of("com/azure/resourcemanager/",
                "com/azure/core/management/"));
        families.put("Azure core, identity, MSAL, JSON, XML", List.of("com/azure/core/", "com/azure/identity/",
                "com/azure/json/", "com/azure/xml/", "com/microsoft/aad/"));
        families.put("Azure Storage Blob", List.of("com/azure/storage/"));
        families.put("Azure Event Grid", List.of("com/azure/messaging/"));
        families.put("Azure Key Vault secrets", List.of("com/azure/security/"));
        families.put("Jackson", List.of("com/fasterxml/"));
        families.put("Reactor", List.of("reactor/", "org/reactivestreams/"));
        families.put("OkHttp, Okio, Kotlin", List.of("okhttp3/", "okio/", "kotlin/", "org/jetbrains/"));
        families.put("PostgreSQL JDBC", List.of("org/postgresql/", "org/checkerframework/"));
        families.put("Guava, jjwt, jwks-rsa (what the Graph core still reaches)", List.of("com/google/",
                "io/jsonwebtoken/", "com/auth0/"));
        return families;
    }

    private static String mib(long bytes) {
        return Figures.fixed(bytes / MIB, 1);
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(file -> !file.endsWith("local.settings.json")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
