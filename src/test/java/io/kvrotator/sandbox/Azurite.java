package io.kvrotator.sandbox;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azurite's blob service on a free loopback port, in memory, for tests of code that keeps state in the function
 * app's storage account (alert records, blob-lease locks). Azurite is installed by the project's own
 * {@code tools/azurite} package: {@code npm ci} runs there when {@code node_modules} is missing. Stopped by PID:
 * SIGTERM, then SIGKILL if it has not exited (Azurite can close its port and linger).
 */
public final class Azurite implements AutoCloseable {

    /** Azurite's published development account; the key is public, but it is recorded so no log shows it. */
    public static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Pattern LISTENING = Pattern.compile("successfully listens on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Object INSTALL_LOCK = new Object();

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Azurite start() {
        Path tools = toolsDir();
        Path log = logDir().resolve("azurite-blob-" + ProcessHandle.current().pid() + ".log");
        install(tools);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                tools.resolve("node_modules/.bin/azurite-blob").toString(),
                "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--extentMemoryLimit", "64",
                "--disableTelemetry", "--skipApiVersionCheck", "--loose"))
                .directory(tools.toFile()).redirectErrorStream(true);
        builder.environment().put("AZURITE_DISABLE_TELEMETRY", "true");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Azurite from " + tools + " (is Node.js installed?)", e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, log, port), "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Azurite azurite = new Azurite(process, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            IssuedSecrets.record(KEY);
            IssuedSecrets.record(azurite.connectionString());
            return azurite;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IllegalStateException("interrupted while starting Azurite", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("Azurite did not start within " + START_TIMEOUT + "; see " + log, e);
        }
    }

    public int port() {
        return port;
    }

    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    /** A connection string for the development account, as {@code AzureWebJobsStorage} holds one locally. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + blobEndpoint() + ";";
    }

    public BlobServiceClient client() {
        return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
    }

    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                file.write(line + System.lineSeparator());
                file.flush();
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("Azurite exited before it listened"));
    }

    /** Runs {@code npm ci} in the tools folder once, when its {@code node_modules} is missing. */
    private static void install(Path tools) {
        synchronized (INSTALL_LOCK) {
            if (Files.isExecutable(tools.resolve("node_modules/.bin/azurite-blob"))) {
                return;
            }
            Path log = logDir().resolve("azurite-npm-ci.log");
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(tools.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    throw new IllegalStateException("npm ci in " + tools + " took over 10 minutes; see " + log);
                }
                if (npm.exitValue() != 0) {
                    throw new IllegalStateException("npm ci in " + tools + " failed; see " + log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run npm ci in " + tools + " (is Node.js installed?)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during npm ci", e);
            }
        }
    }

    private static Path toolsDir() {
        return Path.of(System.getProperty("kvrotator.tools.dir", "tools"), "azurite").toAbsolutePath();
    }

    private static Path logDir() {
        Path dir = Path.of(System.getProperty("kvrotator.sandbox.dir", "target/sandbox"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
