package io.kvrotator.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The size of the Functions app {@code mvn package} stages, as a folder and as the zip a zip deploy uploads. */
final class PackageSize {

    private static final double MIB = 1024.0 * 1024.0;

    private PackageSize() {
    }

    static Table measure(Path staged, Path zip) {
        Table table = new Table("Deployed package (" + staged + ", staged by mvn package)", "what", "MiB", "files");
        if (!Files.isDirectory(staged)) {
            return table.row("staged folder", "missing", "-").note("Run mvn package (scripts/benchmark.sh does).");
        }
        List<Path> files = files(staged);
        long folderBytes = files.stream().mapToLong(PackageSize::size).sum();
        zip(staged, files, zip);
        table.row("staged folder", Figures.fixed(folderBytes / MIB, 1), files.size())
                .row("zip of it (deflate)", Figures.fixed(size(zip) / MIB, 1), 1);
        files.stream().sorted(Comparator.comparingLong(PackageSize::size).reversed()).limit(3)
                .forEach(file -> table.row("  of which " + staged.relativize(file), Figures.fixed(size(file) / MIB, 1),
                        1));
        return table;
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void zip(Path folder, List<Path> files, Path zip) {
        try {
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
                for (Path file : files) {
                    entries.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, entries);
                    entries.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip " + folder, e);
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
