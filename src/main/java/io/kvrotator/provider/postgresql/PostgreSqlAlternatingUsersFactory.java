package io.kvrotator.provider.postgresql;

import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code CredentialType=PostgreSqlAlternatingUsers}: passwords of two PostgreSQL logins with the same grants, on an
 * Azure Database for PostgreSQL flexible server (or a local server). Verified against the server itself (data plane):
 * the new password logs in and runs a query before it is stored. The function logs in as a Microsoft Entra
 * administrator of the server, so it needs no Azure role (see the README's PostgreSQL section).
 */
public final class PostgreSqlAlternatingUsersFactory implements ProviderFactory {

    public static final ProviderSetting HOST_TEMPLATE = new ProviderSetting("ROTATOR_POSTGRESQL_HOST_TEMPLATE",
            "{server}.postgres.database.azure.com:5432", "host:port of a flexible server, {server} standing for the"
                    + " server name in a ProviderAddress resource ID; change only for a sovereign cloud or a local"
                    + " server.");
    public static final ProviderSetting LOCAL_HOSTS = new ProviderSetting("ROTATOR_POSTGRESQL_LOCAL_HOSTS", "",
            "Local runs only: JSON object from vault name to the host:port a ProviderAddress of its secrets may name"
                    + " directly, e.g. {\"kv-dev-app\": [\"127.0.0.1:5432\"]}; empty (as in Azure): none.");
    public static final ProviderSetting ADMIN_USER = new ProviderSetting("ROTATOR_POSTGRESQL_ADMIN_USER", "",
            "The role kv-rotator logs in as to set passwords: in Azure the name its managed identity was made a"
                    + " Microsoft Entra administrator of the servers with (the function app's name). Required for"
                    + " PostgreSqlAlternatingUsers secrets, which fail without it.");
    public static final ProviderSetting ADMIN_PASSWORD_SECRET = new ProviderSetting(
            "ROTATOR_POSTGRESQL_ADMIN_PASSWORD_SECRET", "", "Local servers without Entra authentication only:"
            + " {vault}/{secret} of the Key Vault secret holding the administrative role's password (the setting"
            + " names the secret, it never holds the password). Empty: log in with an Entra token.");
    public static final ProviderSetting TOKEN_SCOPE = new ProviderSetting("ROTATOR_POSTGRESQL_TOKEN_SCOPE",
            "https://ossrdbms-aad.database.windows.net/.default", "Scope of the Entra token kv-rotator logs in to"
            + " PostgreSQL with; change only for a sovereign cloud.");
    public static final ProviderSetting SSLMODE = new ProviderSetting("ROTATOR_POSTGRESQL_SSLMODE", "verify-full",
            "TLS of kv-rotator's PostgreSQL connections: verify-full (certificate checked against the JVM's trust"
                    + " store, host name too), require, or disable (honoured for loopback hosts only).");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_POSTGRESQL_VALIDITY_DAYS", "60",
            "Lifetime of a new PostgreSQL password version when the secret has no ValidityPeriodDays tag; at least"
                    + " 1.5 times ROTATOR_NEAR_EXPIRY_DAYS.");

    /** How long one connection to a server may take to open, and one statement to answer. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public String credentialType() {
        return PostgreSqlAlternatingUsers.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(HOST_TEMPLATE, LOCAL_HOSTS, ADMIN_USER, ADMIN_PASSWORD_SECRET, TOKEN_SCOPE, SSLMODE,
                VALIDITY_DAYS);
    }

    /** None: the function logs in as an Entra administrator of each server, which is not an Azure role. */
    @Override
    public List<RotationRole> rotationRoles() {
        return List.of();
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String hostTemplate = values.text(HOST_TEMPLATE);
        if (HostPort.parse(hostTemplate.replace("{server}", "server")).isEmpty()) {
            values.problem(HOST_TEMPLATE, "must be host[:port], {server} standing for the server name");
        }
        LocalHosts localHosts = LocalHosts.parse(values.text(LOCAL_HOSTS), problem -> values.problem(LOCAL_HOSTS,
                problem));
        String adminUser = values.text(ADMIN_USER);
        Optional<SecretRef> adminSecret = adminSecret(values);
        String tokenScope = values.url(TOKEN_SCOPE, null);
        SslMode sslMode = SslMode.parse(values.text(SSLMODE)).orElseGet(() -> {
            values.problem(SSLMODE, "must be verify-full, require or disable");
            return SslMode.VERIFY_FULL;
        });
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> {
            PgConnector connector = new PgConnector(sslMode, CONNECTION_TIMEOUT);
            AdminLogin admin = adminUser.isEmpty() ? AdminLogin.unavailable(ADMIN_USER.key() + " is not set: set it"
                    + " to the role kv-rotator logs in as (see the README's PostgreSQL setup)")
                    : adminSecret.<AdminLogin>map(secret -> new VaultAdminLogin(context.secrets(), secret, adminUser))
                    .orElseGet(() -> new EntraAdminLogin(context.credential(), tokenScope, adminUser));
            return new PostgreSqlAlternatingUsers(new PgServers(hostTemplate, localHosts),
                    new PgAdmin(connector, admin), new PgLoginCheck(connector), context.verifyRetry(), validity);
        });
    }

    private static Optional<SecretRef> adminSecret(SettingValues values) {
        String text = values.text(ADMIN_PASSWORD_SECRET);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        Optional<String> problem = slash < 0 ? Optional.of("it has no '/'")
                : KeyVaultNames.vaultNameProblem(text.substring(0, slash))
                .or(() -> KeyVaultNames.secretNameProblem(text.substring(slash + 1)));
        if (problem.isPresent()) {
            values.problem(ADMIN_PASSWORD_SECRET, "must be {vault}/{secret}, the name of a Key Vault secret: "
                    + problem.get());
            return Optional.empty();
        }
        return Optional.of(new SecretRef(text.substring(0, slash), text.substring(slash + 1)));
    }
}
