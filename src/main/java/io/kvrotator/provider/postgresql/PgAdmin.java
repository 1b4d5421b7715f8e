package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.SecretValue;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * What kv-rotator does as the server's administrative role, one short connection each: check the two logins, set a
 * password, end a login's sessions. A password is set with the driver's {@code alterUserPassword}, which quotes the
 * role's name and sends {@code ALTER USER ... PASSWORD '<SCRAM-SHA-256 verifier>'}: the password itself never
 * reaches the server, its statement log or an error message.
 */
final class PgAdmin {

    static final String DATABASE = "postgres";
    private static final int SESSION_CHECKS = 50;
    private static final long SESSION_CHECK_MILLIS = 100;

    private final PgConnector connector;
    private final AdminLogin admin;

    PgAdmin(PgConnector connector, AdminLogin admin) {
        this.connector = connector;
        this.admin = admin;
    }

    AdminLogin login() {
        return admin;
    }

    /** A terminal refusal unless each login exists, may log in, is no superuser and is not the admin itself. */
    void requireLogins(PgServer server, List<String> logins) {
        Map<String, String> found = as(server, Step.PLAN, "reading the logins", null, connection -> {
            Map<String, String> roles = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT rolname, rolcanlogin, rolsuper FROM pg_catalog.pg_roles WHERE rolname = ANY (?)")) {
                Array names = connection.createArrayOf("text", logins.toArray());
                query.setArray(1, names);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        roles.put(rows.getString(1), rows.getBoolean(3) ? "is a superuser"
                                : rows.getBoolean(2) ? "" : "may not log in (NOLOGIN)");
                    }
                }
            }
            return roles;
        });
        for (String login : logins) {
            String problem = login.equals(admin.user()) ? "is kv-rotator's administrative role"
                    : found.getOrDefault(login, "does not exist");
            if (!problem.isEmpty()) {
                throw RotationException.terminal(Step.PLAN, "refused: login " + LogText.printable(login) + " "
                        + problem + " on server " + server + "; nothing was changed");
            }
        }
    }

    void setPassword(PgServer server, String login, SecretValue password, Step step) {
        as(server, step, "setting the password of login " + LogText.printable(login), password, connection -> {
            connection.unwrap(PGConnection.class).alterUserPassword(login, password.reveal().toCharArray(),
                    "scram-sha-256");
            return null;
        });
    }

    /** Ends every session of {@code login} and waits until none is left; returns how many were ended. */
    int endSessions(PgServer server, String login, Step step) {
        return as(server, step, "ending the sessions of login " + LogText.printable(login), null, connection -> {
            int ended = 0;
            try (PreparedStatement terminate = connection.prepareStatement("SELECT pg_catalog.pg_terminate_backend(pid)"
                    + " FROM pg_catalog.pg_stat_activity WHERE usename = ? AND pid <> pg_catalog.pg_backend_pid()")) {
                terminate.setString(1, login);
                try (ResultSet rows = terminate.executeQuery()) {
                    while (rows.next()) {
                        ended += rows.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            awaitNoSessions(connection, login);
            return ended;
        });
    }

    private void awaitNoSessions(Connection connection, String login) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE usename = ?")) {
            count.setString(1, login);
            for (int check = 0; check < SESSION_CHECKS; check++) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                try {
                    Thread.sleep(SESSION_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw RotationException.retryable(Step.REVOKE, "sessions of login " + LogText.printable(login)
                + " are still running after they were ended: revoke again to check");
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T as(PgServer server, Step step, String what, SecretValue sent, Work<T> work) {
        SecretValue password = admin.password();
        try (Connection connection = connector.open(server, DATABASE, admin.user(), password)) {
            return work.run(connection);
        } catch (SQLException e) {
            if (PgErrors.loginRefused(e)) {
                throw RotationException.terminal(step, "kv-rotator's administrative role "
                        + LogText.printable(admin.user()) + " cannot log in to server " + server + ": "
                        + PgErrors.text(e, password, sent) + " (see the README's PostgreSQL setup)");
            }
            throw PgErrors.classify(step, what + " on server " + server, e, password, sent);
        }
    }
}
