package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RetriedStep;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ValueFormat;
import io.kvrotator.support.LogText;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL passwords with alternating users: two logins with the same grants; the latest version holds one, a
 * rotation sets a new password on the other, proves it by logging in with it and running a query, and only then is
 * it stored. The login in use is not touched, so its consumers, and connections already open, keep working until
 * the next rotation. Verified against the server itself (its data plane).
 */
public final class PostgreSqlAlternatingUsers implements CredentialProvider<PostgreSqlPlan> {

    public static final String TYPE = "PostgreSqlAlternatingUsers";
    private static final System.Logger LOG = System.getLogger(PostgreSqlAlternatingUsers.class.getName());

    private final PgServers servers;
    private final PgAdmin admin;
    private final PgLoginCheck logins;
    private final Retry verifyRetry;
    private final Duration defaultValidity;

    PostgreSqlAlternatingUsers(PgServers servers, PgAdmin admin, PgLoginCheck logins, Retry verifyRetry,
                               Duration defaultValidity) {
        this.servers = servers;
        this.admin = admin;
        this.logins = logins;
        this.verifyRetry = verifyRetry;
        this.defaultValidity = defaultValidity;
    }

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public Duration defaultValidity() {
        return defaultValidity;
    }

    /**
     * Proves possession: the value must log in as one of the two logins (connect and {@code SELECT current_user});
     * that login stays, the other one gets the new password. Changes nothing.
     */
    @Override
    public PostgreSqlPlan plan(SecretVersion current, SecretValue currentValue, ResourceScope scope) {
        admin.login().notReady().ifPresent(reason -> {
            throw RotationException.terminal(Step.PLAN, "kv-rotator cannot log in to PostgreSQL servers: " + reason);
        });
        ValueFormat format = ValueFormat.tagged(current, EnumSet.of(ValueFormat.CONNECTION_STRING, ValueFormat.JSON))
                .orElseThrow(() -> RotationException.terminal(Step.PLAN, "tag " + Tags.VALUE_FORMAT + " is missing:"
                        + " set it to connectionString (libpq keyword=value) or json ({\"user\": ..., \"password\":"
                        + " ...})"));
        PgServer server = servers.resolve(current, scope);
        PgLogins pair = PgLogins.of(current);
        PgValue value = PgValue.parse(format, currentValue).orElseThrow(() -> refused("tag " + Tags.VALUE_FORMAT
                + " is " + format.tagValue() + ", but the value is not a " + format.tagValue() + " with a user and a"
                + " password"));
        String user = value.user();
        if (!pair.contains(user)) {
            throw refused("the value's user " + LogText.printable(user) + " is not one of the logins tag "
                    + PgLogins.TAG + " names (" + pair + ")");
        }
        requireSameServer(value, server);
        if (!logins.accepts(server, value.database(), user, value.password(), Step.PLAN)) {
            throw refused("the value does not log in to server " + server + " as " + user);
        }
        admin.requireLogins(server, pair.names());
        current.tag(Tags.CREDENTIAL_ID).filter(claimed -> !claimed.equals(user)).ifPresent(claimed ->
                LOG.log(Level.WARNING, () -> ("postgresql.credential_id_mismatch secret=%s tagged=%s proven=%s (the"
                        + " value decides)").formatted(current.ref(), LogText.printable(claimed), user)));
        if (pair.single()) {
            LOG.log(Level.WARNING, () -> ("postgresql.single_login secret=%s login=%s (%s=true: consumers of the"
                    + " current version fail to log in until they read the new one)").formatted(current.ref(), user,
                    PgLogins.SINGLE_TAG));
        }
        return new PostgreSqlPlan(current, server, pair, user, pair.other(user), value);
    }

    @Override
    public IssuedCredential issue(PostgreSqlPlan plan, Instant expiresOn) {
        SecretValue password = Passwords.generate();
        admin.setPassword(plan.server(), plan.nextCredentialId(), password, Step.ROTATE);
        return new IssuedCredential(plan.nextCredentialId(), plan.value().with(plan.nextCredentialId(), password),
                null);
    }

    /** Logs in as the login that got the new password and runs a query; a refusal is terminal (no delay heals it). */
    @Override
    public void verify(PostgreSqlPlan plan, IssuedCredential issued) {
        PgValue value = PgValue.parse(plan.value().format(), issued.value()).orElseThrow();
        RetriedStep.run(verifyRetry, Step.VERIFY, () -> {
            if (!logins.accepts(plan.server(), value.database(), value.user(), value.password(), Step.VERIFY)) {
                throw RotationException.terminal(Step.VERIFY, "server " + plan.server() + " refuses login "
                        + value.user() + " with the password just set: check pg_hba.conf and that no one else"
                        + " manages its password");
            }
        });
    }

    /**
     * Revocation: every login but {@code keepCredentialId} gets a new password that nobody is told, and its sessions
     * are ended ({@code pg_terminate_backend}), so a leaked password and whatever it opened stop working now.
     */
    @Override
    public void invalidateAllBut(PostgreSqlPlan plan, String keepCredentialId) {
        if (keepCredentialId != null && !plan.logins().contains(keepCredentialId)) {
            throw RotationException.terminal(Step.REVOKE, "the login to keep, " + LogText.printable(keepCredentialId)
                    + ", is not one of " + plan.logins() + ": nothing was invalidated");
        }
        for (String login : plan.logins().names()) {
            if (!login.equals(keepCredentialId)) {
                admin.setPassword(plan.server(), login, Passwords.generate(), Step.REVOKE);
                int ended = admin.endSessions(plan.server(), login, Step.REVOKE);
                LOG.log(Level.WARNING, () -> "postgresql.revoked secret=%s server=%s login=%s sessionsEnded=%d"
                        .formatted(plan.current().ref(), plan.server(), login, ended));
            }
        }
    }

    /** The two logins (or the one, when single-login is allowed): what retirement resets and revocation may. */
    @Override
    public List<ProviderCredential> credentials(PostgreSqlPlan plan) {
        return plan.logins().names().stream()
                .map(login -> new ProviderCredential(login, "login " + login + " on " + plan.server())).toList();
    }

    /** Whether the server still lets the value's user in with the value's password. */
    @Override
    public boolean stillAccepts(PostgreSqlPlan plan, SecretValue value) {
        return PgValue.parseAny(plan.value().format(), value).map(parsed -> logins.accepts(plan.server(),
                parsed.database(), parsed.user(), parsed.password(), Step.REVOKE)).orElse(false);
    }

    private static void requireSameServer(PgValue value, PgServer server) {
        boolean otherHost = value.host().filter(host -> !host.toLowerCase(Locale.ROOT).equals(server.host()))
                .isPresent();
        boolean otherPort = value.port().filter(port -> !port.equals(Integer.toString(server.port()))).isPresent();
        if (otherHost || otherPort) {
            throw refused("the value names host " + LogText.printable(value.host().orElse(server.host())) + " port "
                    + LogText.printable(value.port().orElse("")) + ", not server " + server + " ("
                    + server.endpoint() + ") that tag " + Tags.PROVIDER_ADDRESS + " names");
        }
    }

    private static RotationException refused(String why) {
        return RotationException.terminal(Step.PLAN, "refused: " + why + "; nothing was changed");
    }
}
