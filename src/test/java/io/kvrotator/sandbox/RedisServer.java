package io.kvrotator.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, with no persistence, in a temporary
 * directory: the data plane the Redis provider verifies keys on. One per JVM, like {@link Azurite}, started on first
 * use and stopped (by PID: SIGTERM, then SIGKILL) when the JVM exits. When the binary is missing the harness runs
 * {@code scripts/ensure-redis.sh}, which installs the package (root or password-less sudo needed).
 *
 * <p>Azure Cache for Redis takes an access key as the password of the default user ({@code AUTH <key>}), two keys
 * at once. Here the default user's passwords are set with {@code ACL SETUSER default on resetpass >k1 >k2 ...} to
 * exactly the current keys of every cache the open sandboxes have (a sandbox's caches share this one server); an
 * administrator user of its own, with a random password, makes those changes.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final String ADMIN = "kvrotator-sandbox-admin";
    private static final Object INSTALL_LOCK = new Object();
    private static RedisServer shared;

    private final Process process;
    private final int port;
    private final Path dir;
    private final String adminPassword;
    private final Map<String, Set<String>> keysByCache = new ConcurrentHashMap<>();
    private Connection admin;
    private Connection checker;
    private final Object checkerLock = new Object();

    private RedisServer(Process process, int port, Path dir, String adminPassword) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.adminPassword = adminPassword;
    }

    /** The JVM's server, started on first use. */
    public static synchronized RedisServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            RedisServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            shared = started;
        }
        return shared;
    }

    static RedisServer start() {
        String binary = install();
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        IssuedSecrets.record(adminPassword);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return start(binary, freePort(), adminPassword);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RedisServer start(String binary, int port, String adminPassword) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kvrotator-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = logDir().resolve("redis-server-" + ProcessHandle.current().pid() + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--logfile", "", "--databases", "1",
                "--user", ADMIN, "on", ">" + adminPassword, "~*", "&*", "+@all",
                "--user", "default", "on", "resetpass", "~*", "&*", "+@all"));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, log, ready), "redis-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new RedisServer(process, port, dir, adminPassword);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IllegalStateException("interrupted while starting redis-server", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            stop(process);
            deleteQuietly(dir);
            throw new IllegalStateException("redis-server did not start on port " + port + "; see " + log, e);
        }
    }

    public int port() {
        return port;
    }

    /** The value of {@code ROTATOR_REDIS_ENDPOINT_TEMPLATE} that points at this server (plain RESP on loopback). */
    public String endpointTemplate() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Makes {@code keys} the current keys of {@code cache} (any name unique to a cache in this JVM), and the default
     * user's passwords every current key of every cache.
     */
    public synchronized void keys(String cache, Collection<String> keys) {
        keysByCache.put(cache, Set.copyOf(keys));
        pushPasswords();
    }

    /** Forgets the caches whose names start with {@code prefix} (a closed sandbox's): their keys stop working. */
    public synchronized void forget(String prefix) {
        if (keysByCache.keySet().removeIf(cache -> cache.startsWith(prefix))) {
            pushPasswords();
        }
    }

    /** Whether the server takes {@code key} as the default user's password now: {@code AUTH <key>}. */
    public boolean accepts(String key) {
        synchronized (checkerLock) {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (checker == null) {
                        checker = Connection.open(port);
                    }
                    String reply = checker.call("AUTH", key);
                    if (reply.startsWith("+OK")) {
                        return true;
                    }
                    if (reply.startsWith("-WRONGPASS")) {
                        return false;
                    }
                    throw new IllegalStateException("redis-server answered AUTH with " + reply.split(" ")[0]);
                } catch (IOException e) {
                    checker = Connection.closeQuietly(checker);
                    if (attempt > 0) {
                        throw new UncheckedIOException("redis-server on port " + port + " cannot be asked", e);
                    }
                }
            }
        }
    }

    private void pushPasswords() {
        Set<String> all = new LinkedHashSet<>();
        keysByCache.values().forEach(all::addAll);
        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", "default", "on", "resetpass"));
        all.forEach(key -> command.add(">" + key));
        command.addAll(List.of("~*", "&*", "+@all"));
        for (int attempt = 0; ; attempt++) {
            try {
                if (admin == null) {
                    admin = Connection.open(port);
                    expectOk(admin.call("AUTH", ADMIN, adminPassword), "AUTH as the administrator");
                }
                expectOk(admin.call(command.toArray(String[]::new)), "ACL SETUSER default");
                return;
            } catch (IOException e) {
                admin = Connection.closeQuietly(admin);
                if (attempt > 0) {
                    throw new UncheckedIOException("redis-server on port " + port + " cannot be configured", e);
                }
            }
        }
    }

    private static void expectOk(String reply, String what) {
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("redis-server refused " + what + ": " + reply.split(" ")[0]);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            admin = Connection.closeQuietly(admin);
        }
        synchronized (checkerLock) {
            checker = Connection.closeQuietly(checker);
        }
        stop(process);
        deleteQuietly(dir);
    }

    /** A loopback port free now; the server binds it a moment later (a start that loses that race is retried). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for redis-server", e);
        }
    }

    /** The path of {@code redis-server}, installing Debian's package through the project's script when missing. */
    private static String install() {
        synchronized (INSTALL_LOCK) {
            for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return candidate;
                }
            }
            Path script = Path.of(System.getProperty("kvrotator.scripts.dir", "scripts"), "ensure-redis.sh")
                    .toAbsolutePath();
            Path log = logDir().resolve("ensure-redis.log");
            try {
                Process ensure = new ProcessBuilder("bash", script.toString()).redirectError(log.toFile()).start();
                String path;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(ensure.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    path = out.lines().reduce((first, second) -> second).orElse("").trim();
                }
                if (!ensure.waitFor(10, TimeUnit.MINUTES)) {
                    ensure.destroyForcibly();
                    throw new IllegalStateException(script + " took over 10 minutes; see " + log);
                }
                if (ensure.exitValue() != 0 || path.isEmpty()) {
                    throw new IllegalStateException("redis-server is missing and " + script + " could not install"
                            + " it (apt-get install -y redis-server needs root); see " + log);
                }
                return path;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + script, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while installing redis-server", e);
            }
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                file.write(line + System.lineSeparator());
                file.flush();
                if (line.contains("Ready to accept connections")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("redis-server exited before it was ready"));
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

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it up eventually
        }
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

    /** One RESP connection: commands as arrays of bulk strings, status and error replies. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        static Connection open(int port) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) IO_TIMEOUT.toMillis());
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            return new Connection(socket);
        }

        String call(String... args) throws IOException {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(request.toByteArray());
            out.flush();
            StringBuilder line = new StringBuilder();
            for (int next = in.read(); next != -1; next = in.read()) {
                if (next == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    return line.substring(0, line.length() - 1);
                }
                line.append((char) next);
            }
            throw new IOException("redis-server closed the connection");
        }

        static Connection closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            return null;
        }
    }
}
