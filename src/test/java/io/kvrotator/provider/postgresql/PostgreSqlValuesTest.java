package io.kvrotator.provider.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.app.InvalidSettingsException;
import io.kvrotator.app.Settings;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ValueFormat;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PostgreSQL provider's parts that need no server: values, addresses and their scope, tags, settings, errors. */
class PostgreSqlValuesTest {

    private static final String SERVER_ID = "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de/resourceGroups"
            + "/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-orders";
    private static final String PASSWORD = "Pa55word-in-a-test-0123456789";

    @Test
    @DisplayName("a libpq connection string is read with quotes and escapes, and written back with only user and"
            + " password changed")
    void connectionStrings() {
        PgValue value = PgValue.parse(ValueFormat.CONNECTION_STRING, SecretValue.of("host=psql-orders.postgres"
                + ".database.azure.com port = 5432 dbname='orders db' user=orders_app_a password='it\\'s x'"
                + " sslmode=verify-full")).orElseThrow();

        assertThat(value.user()).isEqualTo("orders_app_a");
        assertThat(value.password().reveal()).isEqualTo("it's x");
        assertThat(value.database()).isEqualTo("orders db");
        assertThat(value.port()).contains("5432");
        assertThat(value.toString()).doesNotContain("it's").contains("redacted");
        assertThat(value.with("orders_app_b", SecretValue.of(PASSWORD)).reveal()).isEqualTo("host=psql-orders"
                + ".postgres.database.azure.com port=5432 dbname='orders db' user=orders_app_b password=" + PASSWORD
                + " sslmode=verify-full");
    }

    @Test
    @DisplayName("a JSON value keeps its other fields; values without a user and a password are no values")
    void jsonValues() {
        PgValue value = PgValue.parse(ValueFormat.JSON, SecretValue.of("{\"host\":\"h\",\"port\":5432,\"database\":"
                + "\"orders\",\"user\":\"orders_app_a\",\"password\":\"" + PASSWORD + "\"}")).orElseThrow();

        assertThat(value.database()).isEqualTo("orders");
        assertThat(value.port()).contains("5432");
        assertThat(value.with("orders_app_b", SecretValue.of("new")).reveal()).isEqualTo("{\"host\":\"h\",\"port\""
                + ":5432,\"database\":\"orders\",\"user\":\"orders_app_b\",\"password\":\"new\"}");
        for (String bad : List.of("{\"user\":\"a\"}", "{\"user\":\"a\",\"password\":\"\"}", "[1]", "not json",
                "{\"user\":1,\"password\":\"p\"}")) {
            assertThat(PgValue.parse(ValueFormat.JSON, SecretValue.of(bad))).as(bad).isEmpty();
        }
        for (String bad : List.of("user=a", "password=p", "not=a;connection=string", "{\"user\":\"a\",\"password\""
                + ":\"p\"}", "user='a password=p", "Zz9-not-a-credential")) {
            assertThat(PgValue.parse(ValueFormat.CONNECTION_STRING, SecretValue.of(bad))).as(bad).isEmpty();
        }
        assertThat(PgValue.parseAny(ValueFormat.JSON, SecretValue.of("user=a password=p"))).isPresent();
    }

    @Test
    @DisplayName("a resource ID lies in the vault's scope or is refused; its host comes from the template")
    void resourceIds() {
        PgServers servers = new PgServers("{server}.postgres.database.azure.com:5432", LocalHosts.none());
        ResourceScope scope = new ResourceScope("kv-dev-app", List.of("/subscriptions/8c4f1b2e-0000-4000-8000"
                + "-00000000c0de/resourceGroups/rg-orders"), Set.of());

        PgServer server = servers.resolve(version(Map.of("ProviderAddress", SERVER_ID)), scope);

        assertThat(server.endpoint()).isEqualTo(new HostPort("psql-orders.postgres.database.azure.com", 5432));
        assertThat(server.name()).isEqualTo(SERVER_ID);
        assertThatThrownBy(() -> servers.resolve(version(Map.of("ProviderAddress", SERVER_ID)),
                new ResourceScope("kv-dev-app", List.of("/subscriptions/00000000-0000-4000-8000-0000000000ff"),
                        Set.of()))).hasMessageContaining("outside the resource scope");
        assertThatThrownBy(() -> servers.resolve(version(Map.of("ProviderAddress", SERVER_ID.replace(
                "flexibleServers", "servers"))), scope)).hasMessageContaining("is not a flexible server's resource ID");
    }

    @Test
    @DisplayName("a plain host:port is refused unless ROTATOR_POSTGRESQL_LOCAL_HOSTS lists it for this vault")
    void plainHosts() {
        List<String> problems = new ArrayList<>();
        LocalHosts local = LocalHosts.parse("{\"kv-dev-app\": [\"127.0.0.1:5433\", \"[::1]:5433\"]}", problems::add);
        PgServers servers = new PgServers("{server}.postgres.database.azure.com", local);
        ResourceScope scope = new ResourceScope("kv-dev-app", List.of("/subscriptions/8c4f1b2e-0000-4000-8000"
                + "-00000000c0de"), Set.of());

        assertThat(problems).isEmpty();
        assertThat(servers.resolve(version(Map.of("ProviderAddress", "127.0.0.1:5433")), scope).endpoint())
                .isEqualTo(new HostPort("127.0.0.1", 5433));
        for (String elsewhere : List.of("127.0.0.1:5432", "10.0.0.4:5433", "psql-orders.postgres.database.azure"
                + ".com:5432")) {
            assertThatThrownBy(() -> servers.resolve(version(Map.of("ProviderAddress", elsewhere)), scope))
                    .as(elsewhere).hasMessageContaining("outside the resource scope");
        }
        assertThatThrownBy(() -> servers.resolve(version(Map.of("ProviderAddress", "127.0.0.1:5433")),
                new ResourceScope("kv-prod-app", List.of(), Set.of()))).hasMessageContaining("outside the resource");
        assertThatThrownBy(() -> new PgServers("h", LocalHosts.none()).resolve(version(Map.of("ProviderAddress",
                "127.0.0.1:5433")), scope)).as("unset: no plain host anywhere")
                .hasMessageContaining("outside the resource scope");
        LocalHosts.parse("[\"127.0.0.1:5432\"]", problems::add);
        LocalHosts.parse("{\"kv-dev-app\": [\"not a host\"], \"x\": \"127.0.0.1:1\"}", problems::add);
        assertThat(problems).hasSize(4);
    }

    @Test
    @DisplayName("the Logins tag: two different logins, or one with AllowSingleLogin=true")
    void loginsTag() {
        assertThat(PgLogins.of(version(Map.of("Logins", "orders_app_a, orders_app_b"))).other("orders_app_a"))
                .isEqualTo("orders_app_b");
        assertThat(PgLogins.of(version(Map.of("Logins", "orders_app", "AllowSingleLogin", "true"))).other("orders_app"))
                .isEqualTo("orders_app");
        for (Map<String, String> tags : List.of(Map.<String, String>of(), Map.of("Logins", "orders_app"),
                Map.of("Logins", "a,a"), Map.of("Logins", "a,b,c"), Map.of("Logins", "a;drop role b,c"))) {
            assertThatThrownBy(() -> PgLogins.of(version(tags))).as(tags.toString())
                    .isInstanceOfSatisfying(RotationException.class, e ->
                            assertThat(e.failure()).isInstanceOf(Failure.Terminal.class));
        }
    }

    @Test
    @DisplayName("error texts never carry the password or token that was sent, even if the driver echoed it")
    void errorTextsAreScrubbed() {
        SecretValue sent = SecretValue.of(PASSWORD);
        SQLException echoed = new SQLException("ERROR: syntax error at or near \"" + PASSWORD + "\"", "42601");

        assertThat(PgErrors.text(echoed, sent)).doesNotContain(PASSWORD).contains("(redacted)", "42601");
        assertThat(PgErrors.classify(io.kvrotator.failure.Step.ROTATE, "setting", echoed, sent).getMessage())
                .doesNotContain(PASSWORD);
        assertThat(PgErrors.classify(io.kvrotator.failure.Step.ROTATE, "x", new SQLException("gone", "08006"))
                .failure()).isInstanceOf(Failure.Retryable.class);
        assertThat(PgErrors.classify(io.kvrotator.failure.Step.ROTATE, "x", new SQLException("no", "42501"))
                .failure()).isInstanceOf(Failure.Terminal.class);
    }

    @Test
    @DisplayName("bad PostgreSQL settings stop the worker, naming each one")
    void settings() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_POSTGRESQL_HOST_TEMPLATE", "https://{server}/x",
                "ROTATOR_POSTGRESQL_LOCAL_HOSTS", "127.0.0.1:5432",
                "ROTATOR_POSTGRESQL_ADMIN_PASSWORD_SECRET", "just-a-password-by-mistake",
                "ROTATOR_POSTGRESQL_SSLMODE", "prefer")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_POSTGRESQL_HOST_TEMPLATE must be host[:port]")
                .hasMessageContaining("ROTATOR_POSTGRESQL_LOCAL_HOSTS must be a JSON object")
                .hasMessageContaining("ROTATOR_POSTGRESQL_ADMIN_PASSWORD_SECRET must be {vault}/{secret}")
                .hasMessageContaining("ROTATOR_POSTGRESQL_SSLMODE must be verify-full, require or disable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("just-a-password-by-mistake"));
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app")).providers())
                .anySatisfy(provider -> assertThat(provider.credentialType())
                        .isEqualTo(PostgreSqlAlternatingUsers.TYPE));
    }

    private static SecretVersion version(Map<String, String> tags) {
        return new SecretVersion(new SecretRef("kv-dev-app", "ORDERS-DB-PASSWORD"), "0123456789abcdef0123456789abcdef",
                true, null, null, null, null, tags);
    }
}
