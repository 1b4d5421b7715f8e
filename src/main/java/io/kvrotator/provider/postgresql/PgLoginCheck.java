package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.Step;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.SecretValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether the server lets a login in with a password: it connects as the login and runs a query. */
final class PgLoginCheck {

    private final PgConnector connector;

    PgLoginCheck(PgConnector connector) {
        this.connector = connector;
    }

    /**
     * True when the login connects and {@code SELECT current_user} names it; false when the server refuses the
     * login (class 28). Anything else is a {@code RotationException} of {@code step}: retryable when it may heal.
     */
    boolean accepts(PgServer server, String database, String login, SecretValue password, Step step) {
        try (Connection connection = connector.open(server, database, login, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_user")) {
            return rows.next() && login.equals(rows.getString(1));
        } catch (SQLException e) {
            if (PgErrors.loginRefused(e)) {
                return false;
            }
            throw PgErrors.classify(step, "logging in to server " + server + " as " + LogText.printable(login)
                    + " (database " + LogText.printable(database) + ")", e, password);
        }
    }
}
