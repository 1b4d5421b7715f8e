package io.kvrotator.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The text of every {@code .bicep} and {@code .bicepparam} file under {@code infra/}, keyed by path relative to it
 * ({@code main.bicep}, {@code modules/keyVault.bicep}, {@code parameters/dev.bicepparam}). Immutable, so that a
 * test can check an altered copy without touching the files.
 */
public record InfraSources(Map<String, String> files) {

    public InfraSources {
        files = Map.copyOf(files);
    }

    public static InfraSources read(Path infraDir) {
        try (Stream<Path> paths = Files.walk(infraDir)) {
            Map<String, String> files = new TreeMap<>();
            paths.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".bicep") || p.toString().endsWith(".bicepparam"))
                    .forEach(p -> files.put(infraDir.relativize(p).toString().replace('\\', '/'), readString(p)));
            return new InfraSources(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String path) {
        String text = files.get(path);
        if (text == null) {
            throw new IllegalArgumentException("no " + path + " among " + files.keySet());
        }
        return text;
    }

    /** A copy in which the first occurrence of {@code target} in {@code path} is replaced; it must occur. */
    public InfraSources replaceFirst(String path, String target, String replacement) {
        String text = get(path);
        int at = text.indexOf(target);
        if (at < 0) {
            throw new IllegalArgumentException(path + " does not contain: " + target);
        }
        return with(path, text.substring(0, at) + replacement + text.substring(at + target.length()));
    }

    public InfraSources with(String path, String text) {
        Map<String, String> copy = new TreeMap<>(files);
        copy.put(path, text);
        return new InfraSources(copy);
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
