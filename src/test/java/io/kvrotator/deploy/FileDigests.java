package io.kvrotator.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The SHA-256 of every file in a folder or a zip, by its path with '/' separators relative to the root. */
final class FileDigests {

    private FileDigests() {
    }

    static Map<String, String> ofFolder(Path folder) {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    digests.put(folder.relativize(file).toString().replace('\\', '/'), sha256(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return digests;
    }

    static Map<String, String> ofZip(Path zip) {
        Map<String, String> digests = new TreeMap<>();
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : entries.stream().filter(entry -> !entry.isDirectory()).toList()) {
                try (InputStream in = entries.getInputStream(entry)) {
                    if (digests.put(entry.getName(), sha256(in)) != null) {
                        throw new IllegalStateException(zip + " holds " + entry.getName() + " twice");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
        return digests;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digesting.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
