package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens JDBC connections with the PostgreSQL driver, with bounded connect and socket timeouts and the configured
 * TLS mode. The password goes in the connection properties, never into a URL.
 */
final class PgConnector {

    private static final Driver DRIVER = new Driver();

    private final SslMode sslMode;
    private final Duration timeout;

    PgConnector(SslMode sslMode, Duration timeout) {
        this.sslMode = sslMode;
        this.timeout = timeout;
    }

    Connection open(PgServer server, String database, String user, SecretValue password) throws SQLException {
        if (sslMode == SslMode.DISABLE && !server.endpoint().loopback()) {
            throw RotationException.terminal(Step.PLAN, "ROTATOR_POSTGRESQL_SSLMODE=disable is honoured only for a"
                    + " loopback host, not " + server.endpoint() + ": set verify-full or require");
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password.reveal());
        properties.setProperty("sslmode", sslMode.setting());
        if (sslMode == SslMode.VERIFY_FULL) {
            properties.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        }
        properties.setProperty("gssEncMode", "disable");
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "kv-rotator");
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not accept " + url, "08001");
        }
        return connection;
    }
}
