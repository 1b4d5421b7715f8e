package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.postgresql.PostgreSqlAlternatingUsersFactory;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * PostgreSQL alternating users against a real server ({@link PostgresServer}), not a stand-in: every flexible server
 * resource ID of the sandbox maps to that one local server (the host template has no {@code {server}}), and each live
 * credential gets two logins of its own. No fault points: nothing stands between kv-rotator and the server to inject
 * a fault into; the shared steps (Key Vault, Teams) still run under every fault kind.
 */
public final class PostgreSqlFixture implements ProviderFixture {

    /** The vault and secret holding the admin's password, as {@code ROTATOR_POSTGRESQL_ADMIN_PASSWORD_SECRET} names. */
    public static final String ADMIN_VAULT = "kv-sandbox-postgres";
    public static final String ADMIN_SECRET = "POSTGRES-ADMIN-PASSWORD";
    private static final AtomicInteger LIVES = new AtomicInteger();

    @Override
    public String toString() {
        return credentialType();
    }

    @Override
    public String credentialType() {
        return "PostgreSqlAlternatingUsers";
    }

    @Override
    public boolean connectionStrings() {
        return true;
    }

    @Override
    public List<String> valueFormats() {
        return List.of("json", "connectionString");
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        PostgresServer server = PostgresServer.shared();
        sandbox.keyVault.createVault(ADMIN_VAULT);
        if (sandbox.keyVault.versions(ADMIN_VAULT, ADMIN_SECRET).isEmpty()) {
            sandbox.keyVault.seedSecret(ADMIN_VAULT, ADMIN_SECRET, server.adminPassword(), Map.of(), null, null);
        }
        return Map.of(PostgreSqlAlternatingUsersFactory.HOST_TEMPLATE.key(), PostgresServer.HOST + ":" + server.port(),
                PostgreSqlAlternatingUsersFactory.ADMIN_USER.key(), PostgresServer.ADMIN,
                PostgreSqlAlternatingUsersFactory.ADMIN_PASSWORD_SECRET.key(), ADMIN_VAULT + "/" + ADMIN_SECRET,
                PostgreSqlAlternatingUsersFactory.SSLMODE.key(), "disable");
    }

    /** Two fresh logins, {@code {name}_{n}_a} holding a password as the live value, and {@code _b}. */
    @Override
    public Live createLive(Sandbox sandbox, String name) {
        String base = name.toLowerCase().replaceAll("[^a-z0-9]", "_");
        base = base.substring(0, Math.min(40, base.length())) + "_" + LIVES.incrementAndGet();
        String server = "psql-" + name.toLowerCase().replaceAll("[^a-z0-9]", "-");
        String resourceGroup = "rg-" + name.toLowerCase();
        String resourceId = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/" + server;
        return live(resourceId, resourceGroup, base + "_a", base + "_b");
    }

    /** Two logins on the shared server for {@code resourceId}, {@code loginA}'s password being the live value. */
    public static LiveLogins live(String resourceId, String resourceGroup, String loginA, String loginB) {
        PostgresServer server = PostgresServer.shared().start();
        String password = PgValues.password();
        server.createLogins(loginA, password, loginB, PgValues.password());
        return new LiveLogins(server, resourceId, resourceGroup, loginA, loginB, password,
                Map.of(loginA, server.verifier(loginA), loginB, server.verifier(loginB)));
    }

    @Override
    public List<FaultPoint> faultPoints() {
        return List.of();
    }

    @Override
    public void createSeedResources(JsonNode seed, Sandbox sandbox) {
        // the logins are made per secret, in seedValue
    }

    /**
     * A seed-file secret with {@code postgresqlLoginsOf} (a flexible server resource ID), {@code logins} (two
     * names), {@code credentialId} (the one it holds; default the first) and {@code valueFormat}
     * ({@code json}, the default, or {@code connectionString}); both logins get new passwords.
     */
    @Override
    public Optional<SeedValue> seedValue(JsonNode secret, Sandbox sandbox, Instant now, Instant expires) {
        if (!secret.has("postgresqlLoginsOf")) {
            return Optional.empty();
        }
        String resourceId = secret.path("postgresqlLoginsOf").asText();
        List<String> logins = Arrays.stream(secret.path("logins").asText().split(",")).map(String::strip).toList();
        String holder = secret.path("credentialId").asText(logins.get(0));
        String other = logins.get(0).equals(holder) ? logins.get(1) : logins.get(0);
        LiveLogins live = live(resourceId, "", holder, other);
        String format = secret.path("valueFormat").asText("json");
        return Optional.of(new SeedValue(format.equals("json") ? live.value() : live.connectionString().orElseThrow(),
                Map.of("CredentialType", credentialType(), "CredentialId", holder, "ProviderAddress", resourceId,
                        "Logins", String.join(",", logins), "ValueFormat", format)));
    }

    /** The live logins: the value holds {@code loginA}; tests ask the server itself what it accepts. */
    public record LiveLogins(PostgresServer server, String resourceId, String resourceGroup, String loginA,
                             String loginB, String password, Map<String, String> verifiers) implements Live {

        @Override
        public String value() {
            return PgValues.json(loginA, password, server.port());
        }

        @Override
        public Map<String, String> tags() {
            return Map.of("CredentialType", "PostgreSqlAlternatingUsers", "CredentialId", loginA,
                    "ProviderAddress", resourceId, "Logins", loginA + "," + loginB, "ValueFormat", "json");
        }

        @Override
        public String credentialId() {
            return loginA;
        }

        @Override
        public String lyingCredentialId() {
            return loginB;
        }

        @Override
        public ResourceScope scope(String vault) {
            return ProviderFixture.Live.resourceGroupScope(vault, resourceGroup);
        }

        /** A JSON value or a connection string, logged in with as a consumer would. */
        @Override
        public boolean accepts(String candidate) {
            return PgValues.credentials(candidate).map(user -> server.accepts(user.getKey(), user.getValue()))
                    .orElse(false);
        }

        /** How many of the two logins got a password since they were made (a new password, a new SCRAM verifier). */
        @Override
        public int remoteWrites() {
            return (int) verifiers.entrySet().stream()
                    .filter(login -> !server.verifier(login.getKey()).equals(login.getValue())).count();
        }

        @Override
        public Predicate<VersionView> holdsAWorkingCredential() {
            return stored -> IssuedSecrets.withFingerprint(stored.fingerprint()).map(this::accepts).orElse(false);
        }

        @Override
        public Optional<String> connectionString() {
            return Optional.of(PgValues.connectionString(loginA, password, server.port()));
        }

        /** The credentials inside a connection string, as the JSON value {@link #accepts} takes. */
        @Override
        public String keyOf(String connectionString) {
            Map.Entry<String, String> user = PgValues.credentials(connectionString).orElseThrow();
            ObjectNode json = StandIn.JSON.createObjectNode().put("user", user.getKey())
                    .put("password", user.getValue());
            return json.toString();
        }
    }
}
