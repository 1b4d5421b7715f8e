package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretValue;
import java.sql.SQLException;

/**
 * What a PostgreSQL error means for the protocol, by its SQLSTATE, and its text made safe to log: scrubbed like any
 * error, and with every secret known to the caller (the password or token just sent) blanked wherever it appears,
 * should the driver or the server ever echo one.
 */
final class PgErrors {

    private PgErrors() {
    }

    /** The server refused the login (class 28: a wrong password, an unknown role, no pg_hba.conf entry). */
    static boolean loginRefused(SQLException error) {
        return state(error).startsWith("28");
    }

    /** Worth another try: no connection, the server starting or shutting down, out of resources, a conflict. */
    static boolean transientFailure(SQLException error) {
        String state = state(error);
        return state.isEmpty() || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.startsWith("40") || state.startsWith("58");
    }

    /** A retryable or terminal failure of {@code step}, saying {@code what} failed and why, without a secret. */
    static RotationException classify(Step step, String what, SQLException error, SecretValue... known) {
        String message = what + ": " + text(error, known);
        if (transientFailure(error)) {
            return RotationException.retryable(step, message);
        }
        if (state(error).equals("42501")) {
            return RotationException.terminal(step, message + " - give kv-rotator's administrative role the rights"
                    + " the README's PostgreSQL setup lists");
        }
        return RotationException.terminal(step, message);
    }

    static String text(SQLException error, SecretValue... known) {
        String text = SafeErrorText.of(error);
        for (SecretValue secret : known) {
            if (secret != null) {
                text = text.replace(secret.reveal(), "(redacted)");
            }
        }
        return "SQLState " + (state(error).isEmpty() ? "none" : state(error)) + " " + text;
    }

    private static String state(SQLException error) {
        return error.getSQLState() == null ? "" : error.getSQLState();
    }
}
