package io.kvrotator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official sample payloads in {@code ../shared/contracts}: read, never edited. */
public final class SharedContracts {

    private SharedContracts() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("kvrotator.shared.dir", "../shared"), "contracts");
    }

    public static String read(String file) {
        try {
            return Files.readString(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("missing contract " + file + " in " + dir(), e);
        }
    }
}
