package io.kvrotator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.Driver;
import org.postgresql.PGConnection;

/**
 * A real PostgreSQL server for the tests, one per JVM: {@code initdb} in a temporary directory and {@code pg_ctl
 * start} on a loopback port, run as the user {@code postgres} when the tests run as root (PostgreSQL refuses root),
 * stopped and deleted when the JVM exits. The port is reserved when the settings are first asked for and the server
 * starts on first use, so tests that never touch PostgreSQL never start it. When no {@code initdb} is found, the
 * project's {@code scripts/ensure-postgresql.sh} installs Debian's {@code postgresql} package.
 *
 * <p>Roles: a superuser for the harness only, and {@link #ADMIN}, which plays the Entra administrator of an Azure
 * flexible server (LOGIN CREATEROLE, no superuser) and gets exactly what the README's setup grants it.
 */
public final class PostgresServer {

    public static final String HOST = "127.0.0.1";
    public static final String ADMIN = "kvrotator_admin";
    public static final String DATABASE = "postgres";
    private static final String SUPERUSER = "kvrotator_harness";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Driver DRIVER = new Driver();
    private static PostgresServer shared;

    private final int port;
    private final String adminPassword = password();
    private final String superuserPassword = password();
    private ServerSocket reserved;
    private Path directory;
    private List<String> runAs;
    private Path bin;
    private boolean started;

    private PostgresServer() {
        try {
            reserved = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for PostgreSQL", e);
        }
        port = reserved.getLocalPort();
        IssuedSecrets.record(adminPassword);
        IssuedSecrets.record(superuserPassword);
    }

    /** The JVM's server: its port reserved and its passwords chosen, not started yet. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = new PostgresServer();
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** The password of {@link #ADMIN}, which the sandbox keeps in Key Vault for kv-rotator to read. */
    public String adminPassword() {
        return adminPassword;
    }

    /** Starts the server unless it runs already. */
    public synchronized PostgresServer start() {
        if (!started) {
            try {
                bin = binaries();
                directory = Files.createTempDirectory("kvrotator-postgres-");
                runAs = "root".equals(System.getProperty("user.name")) ? List.of("runuser", "-u", "postgres", "--")
                        : List.of();
                initdb();
                reserved.close();
                run("start", List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                        directory.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + port + " -k "
                                + directory + " -c listen_addresses=" + HOST + " -c fsync=off -c max_connections=200",
                        "start"));
                Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-stop"));
                started = true;
                createAdmin();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL", e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot set up PostgreSQL: " + e.getMessage(), e);
            }
        }
        return this;
    }

    /**
     * Creates the two logins (or, when they exist, resets them) with these passwords and the same grants, as the
     * README's setup does: both are members of the group role {@code kv_orders_app} (connect, read
     * {@code kv_orders.orders}), and kv-rotator's admin holds each WITH ADMIN OPTION.
     */
    public void createLogins(String loginA, String passwordA, String loginB, String passwordB) {
        IssuedSecrets.record(passwordA);
        IssuedSecrets.record(passwordB);
        try (Connection connection = superuser()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (String login : List.of(loginA, loginB)) {
                String role = pg.escapeIdentifier(login);
                try (Statement statement = connection.createStatement()) {
                    if (!exists(connection, login)) {
                        statement.execute("CREATE ROLE " + role + " LOGIN IN ROLE kv_orders_app");
                    }
                    statement.execute("GRANT kv_orders_app TO " + role);
                    statement.execute("GRANT " + role + " TO " + ADMIN + " WITH ADMIN OPTION");
                }
                pg.alterUserPassword(login, (login.equals(loginA) ? passwordA : passwordB).toCharArray(),
                        "scram-sha-256");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create logins: " + e.getMessage(), e);
        }
    }

    /** Opens a connection as {@code user}, as a consumer would; the caller closes it. */
    public Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "10");
        return DRIVER.connect("jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE, properties);
    }

    /** Whether the server lets {@code user} in with {@code password} now and answers a query, asked of itself. */
    public boolean accepts(String user, String password) {
        try (Connection connection = connect(user, password); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM kv_orders.orders")) {
            return rows.next();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                return false;
            }
            throw new IllegalStateException("PostgreSQL did not answer: SQLState " + e.getSQLState(), e);
        }
    }

    /** The role's SCRAM verifier as the server keeps it: it changes with each new password, and only then. */
    public String verifier(String role) {
        try (Connection connection = superuser(); PreparedStatement query = connection.prepareStatement(
                "SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? String.valueOf(rows.getString(1)) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the verifier of " + role + ": " + e.getMessage(), e);
        }
    }

    /** How many sessions {@code role} has open now. */
    public int sessions(String role) {
        try (Connection connection = superuser(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count sessions: " + e.getMessage(), e);
        }
    }

    private Connection superuser() throws SQLException {
        start();
        return connect(SUPERUSER, superuserPassword);
    }

    private void createAdmin() throws SQLException {
        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + ADMIN + " LOGIN CREATEROLE");
            connection.unwrap(PGConnection.class).alterUserPassword(ADMIN, adminPassword.toCharArray(),
                    "scram-sha-256");
            statement.execute("CREATE SCHEMA kv_orders");
            statement.execute("CREATE TABLE kv_orders.orders (id integer PRIMARY KEY, item text)");
            statement.execute("INSERT INTO kv_orders.orders VALUES (1, 'first order')");
            statement.execute("CREATE ROLE kv_orders_app NOLOGIN");
            statement.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO kv_orders_app");
            statement.execute("GRANT USAGE ON SCHEMA kv_orders TO kv_orders_app");
            statement.execute("GRANT SELECT ON kv_orders.orders TO kv_orders_app");
        }
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void initdb() throws IOException {
        Path passwordFile = directory.resolve("superuser.pw");
        Files.writeString(passwordFile, superuserPassword, StandardCharsets.UTF_8);
        if (!runAs.isEmpty()) {
            command("chown", List.of("chown", "-R", "postgres", directory.toString()), List.of());
        }
        try {
            run("initdb", List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER,
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-locale", "--no-sync"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void stop() {
        try {
            run("stop", List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
        } catch (RuntimeException e) {
            // the JVM is exiting; the directory goes anyway
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void run(String name, List<String> arguments) {
        command(name, arguments, runAs);
    }

    private void command(String name, List<String> arguments, List<String> prefix) {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(arguments);
        Path log = directory.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " took over 2 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(log).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + name, e);
        }
    }

    /** initdb's directory: found, or installed by scripts/ensure-postgresql.sh (which also creates the user). */
    private static Path binaries() throws IOException {
        Path script = Path.of(System.getProperty("kvrotator.scripts.dir", "scripts"), "ensure-postgresql.sh")
                .toAbsolutePath();
        Path log = Files.createTempFile("kvrotator-ensure-postgresql-", ".log");
        try {
            Process process = new ProcessBuilder("bash", script.toString()).redirectError(log.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0 || out.isEmpty()) {
                throw new IllegalStateException(script + " could not provide PostgreSQL: " + Files.readString(log));
            }
            return Path.of(out.substring(out.lastIndexOf('\n') + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for PostgreSQL", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String password() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
