package io.kvrotator.localhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.provider.postgresql.PostgreSqlAlternatingUsersFactory;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.PostgreSqlFixture;
import io.kvrotator.sandbox.PostgreSqlFixture.LiveLogins;
import io.kvrotator.sandbox.PostgresServer;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL alternating users end to end, through the local Functions host at the Core Tools URLs, against a real
 * PostgreSQL server ({@link PostgresServer}) with the real JDBC driver: what the README's PostgreSQL section
 * promises, each asked of the server itself.
 */
@SandboxTest
class PostgreSqlEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VAULT = "kv-dev-pg";
    private static final String SECRET = "ORDERS-DB-PASSWORD";
    private static final String KEY = "pg-function-key";
    private static final AtomicInteger CASES = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private MutableClock clock;
    private LogCapture logs;
    private LocalFunctionsHost host;
    private LiveLogins live;
    private PostgresServer server;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock, LogCapture logs) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.logs = logs;
        sandbox.keyVault.createVault(VAULT);
        int n = CASES.incrementAndGet();
        live = PostgreSqlFixture.live("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-orders"
                        + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-orders", "rg-orders",
                "orders_app_a_" + n, "orders_app_b_" + n);
        server = live.server();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    @DisplayName("a near-expiry event sets a new password on the other login; the old login, its open connections"
            + " and new connections with the old password keep working until the next rotation")
    void rotatesTheInactiveLogin() throws Exception {
        String version = seed(live.value(), live.tags());
        startHost(Map.of());
        try (Connection before = server.connect(live.loginA(), live.password())) {

            assertThat(nearExpiry(version).statusCode()).isEqualTo(200);

            List<VersionView> versions = versions();
            assertThat(versions).hasSize(2);
            assertThat(versions.get(1).tags()).containsEntry("CredentialId", live.loginB())
                    .containsEntry("Logins", live.loginA() + "," + live.loginB()).containsEntry("ValueFormat", "json");
            JsonNode stored = JSON.readTree(valueOf(versions.get(1)));
            assertThat(stored.path("user").asText()).isEqualTo(live.loginB());
            assertThat(stored.path("host").asText()).as("the other fields are kept").isEqualTo(PostgresServer.HOST);
            assertThat(server.accepts(live.loginB(), stored.path("password").asText())).as("the new password").isTrue();
            assertThat(answers(before)).as("a connection opened before the rotation").isTrue();
            assertThat(server.accepts(live.loginA(), live.password())).as("a new connection with the old password")
                    .isTrue();

            clock.advance(Duration.ofDays(2));
            HttpResponse<String> next = call("POST", "/api/secrets/" + VAULT + "/" + SECRET + "/rotate",
                    "{\"reason\":\"quarterly rotation\"}");

            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            versions = versions();
            assertThat(versions).hasSize(3);
            assertThat(versions.get(2).tags()).containsEntry("CredentialId", live.loginA());
            assertThat(server.accepts(live.loginA(), live.password())).as("the old password, after the next rotation")
                    .isFalse();
            assertThat(server.accepts(live.loginB(), stored.path("password").asText())).as("the previous version's")
                    .isTrue();
            assertThat(live.holdsAWorkingCredential().test(versions.get(2))).isTrue();
            assertThat(answers(before)).as("sessions are ended only by a revocation").isTrue();
        }
        assertThat(IssuedSecrets.foundIn(logs.all())).as("secret values in the log").isEmpty();
    }

    @Test
    @DisplayName("a revocation stores a new password on the other login, then kills the old password and its sessions")
    void revocationKillsTheOldPasswordAndItsSessions() throws Exception {
        seed(live.value(), live.tags());
        try (Connection before = server.connect(live.loginA(), live.password());
             ApprovalCalls approvals = ApprovalCalls.start(sandbox, VAULT, Map.of())) {
            assertThat(answers(before)).isTrue();

            HttpResponse<String> response = approvals.revokeApproved(VAULT, SECRET,
                    "{\"reason\":\"password pasted in a ticket\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("outcome").asText()).isEqualTo("revoked");
            List<VersionView> versions = versions();
            assertThat(versions).hasSize(2);
            assertThat(versions.get(0).enabled()).isFalse();
            assertThat(versions.get(1).tags()).containsEntry("CredentialId", live.loginB());
            assertThat(live.holdsAWorkingCredential().test(versions.get(1))).as("the new version").isTrue();
            assertThat(server.accepts(live.loginA(), live.password())).as("the compromised password").isFalse();
            assertThat(server.sessions(live.loginA())).as("sessions of the compromised login").isZero();
            assertThatThrownBy(() -> answers(before)).as("the connection opened with the compromised password")
                    .isInstanceOf(SQLException.class);
        }
        assertThat(IssuedSecrets.foundIn(logs.all())).as("secret values in the log").isEmpty();
    }

    @Test
    @DisplayName("a value that logs in as neither login is refused, and neither login changes")
    void refusesAValueThatLogsInAsNeitherLogin() throws Exception {
        String wrongPassword = "Wrong" + live.password().substring(5);
        IssuedSecrets.record(wrongPassword);
        Map<String, String> tags = live.tags();
        String version = seed(JSON.createObjectNode().put("user", live.loginA()).put("password", wrongPassword)
                .toString(), tags);
        String otherSecret = "ANOTHER-TEAMS-LOGIN";
        LiveLogins stranger = PostgreSqlFixture.live(live.resourceId(), live.resourceGroup(),
                "stranger_a_" + CASES.incrementAndGet(), "stranger_b_" + CASES.get());
        String strangerVersion = sandbox.keyVault.seedSecret(VAULT, otherSecret, stranger.value(), tags,
                clock.instant().minus(Duration.ofDays(40)), clock.instant().plus(Duration.ofDays(20)));
        startHost(Map.of());
        Map<String, String> verifiers = Map.of(live.loginA(), server.verifier(live.loginA()),
                live.loginB(), server.verifier(live.loginB()));

        assertThat(nearExpiry(version).statusCode()).isEqualTo(200);
        assertThat(webhook(KeyVaultEvents.nearExpiry(VAULT, otherSecret, strangerVersion,
                clock.instant().plus(Duration.ofDays(20)), clock.instant())).statusCode()).isEqualTo(200);

        assertThat(versions()).hasSize(1);
        assertThat(sandbox.keyVault.versions(VAULT, otherSecret)).hasSize(1);
        verifiers.forEach((login, verifier) -> assertThat(server.verifier(login)).as(login).isEqualTo(verifier));
        assertThat(live.works()).isTrue();
        assertThat(String.join("\n", logs.linesContaining("rotation.failed")))
                .contains("does not log in to server", "is not one of the logins tag Logins names")
                .doesNotContain(wrongPassword);
        assertThat(sandbox.teams.posted()).anySatisfy(post -> assertThat(post.text()).contains("refused"));
    }

    @Test
    @DisplayName("one login is refused unless AllowSingleLogin=true; then that login gets the new password")
    void singleLoginOnlyWhenOptedIn() throws Exception {
        Map<String, String> tags = new HashMap<>(live.tags());
        tags.put("Logins", live.loginA());
        String version = seed(live.value(), tags);
        startHost(Map.of());

        nearExpiry(version);

        assertThat(versions()).hasSize(1);
        assertThat(live.remoteWrites()).isZero();

        tags.put("AllowSingleLogin", "true");
        sandbox.keyVault.retag(VAULT, SECRET, tags);
        nearExpiry(version);

        List<VersionView> versions = versions();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).tags()).containsEntry("CredentialId", live.loginA());
        assertThat(live.works()).as("the old password: its consumers break until they read the new version").isFalse();
        assertThat(live.holdsAWorkingCredential().test(versions.get(1))).isTrue();
        assertThat(logs.linesContaining("postgresql.single_login")).isNotEmpty();
    }

    @Test
    @DisplayName("a plain host:port rotates only where ROTATOR_POSTGRESQL_LOCAL_HOSTS lists it for the vault")
    void plainHostOnlyWhereListed() throws Exception {
        Map<String, String> tags = new HashMap<>(live.tags());
        tags.put("ProviderAddress", PostgresServer.HOST + ":" + server.port());
        tags.put("ValueFormat", "connectionString");
        String version = seed(live.connectionString().orElseThrow(), tags);
        startHost(Map.of());

        nearExpiry(version);

        assertThat(versions()).hasSize(1);
        assertThat(String.join("\n", logs.linesContaining("rotation.failed"))).contains("outside the resource scope");

        startHost(Map.of(PostgreSqlAlternatingUsersFactory.LOCAL_HOSTS.key(), "{\"" + VAULT + "\": [\""
                + PostgresServer.HOST + ":" + server.port() + "\"]}"));
        nearExpiry(version);

        List<VersionView> versions = versions();
        assertThat(versions).hasSize(2);
        assertThat(valueOf(versions.get(1))).startsWith("host=" + PostgresServer.HOST + " port=" + server.port())
                .contains(" user=" + live.loginB() + " ");
        assertThat(live.holdsAWorkingCredential().test(versions.get(1))).isTrue();
    }

    @Test
    @DisplayName("an administrator who cannot log in fails the rotation terminally, naming no password")
    void adminThatCannotLogIn() throws Exception {
        String version = seed(live.value(), live.tags());
        startHost(Map.of());
        String wrong = "NotTheAdminPassword" + CASES.incrementAndGet() + "x";
        IssuedSecrets.record(wrong);
        sandbox.keyVault.seedSecret(PostgreSqlFixture.ADMIN_VAULT, PostgreSqlFixture.ADMIN_SECRET, wrong, Map.of(),
                null, null);

        nearExpiry(version);

        assertThat(versions()).hasSize(1);
        assertThat(live.remoteWrites()).isZero();
        assertThat(String.join("\n", logs.linesContaining("rotation.failed")))
                .contains("administrative role kvrotator_admin cannot log in").doesNotContain(wrong);
        sandbox.keyVault.seedSecret(PostgreSqlFixture.ADMIN_VAULT, PostgreSqlFixture.ADMIN_SECRET,
                server.adminPassword(), Map.of(), null, null);
    }

    private String seed(String value, Map<String, String> tags) {
        Map<String, String> owned = new HashMap<>(tags);
        owned.put("Owner", "orders-team@contoso.com");
        return sandbox.keyVault.seedSecret(VAULT, SECRET, value, owned, clock.instant().minus(Duration.ofDays(40)),
                clock.instant().plus(Duration.ofDays(20)));
    }

    private void startHost(Map<String, String> extra) throws IOException {
        if (host != null) {
            host.close();
        }
        Map<String, String> settings = new HashMap<>(sandbox.appSettings(VAULT));
        settings.putAll(extra);
        sandbox.install(settings);
        host = new LocalFunctionsHost(HostedApp.current().functions(), KEY,
                () -> SandboxState.of(sandbox), 0);
    }

    private HttpResponse<String> nearExpiry(String version) throws IOException, InterruptedException {
        return webhook(KeyVaultEvents.nearExpiry(VAULT, SECRET, version, clock.instant().plus(Duration.ofDays(20)),
                clock.instant()));
    }

    private HttpResponse<String> webhook(String event) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(host.baseUrl()
                        + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry"))
                .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + event + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("x-functions-key", KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<VersionView> versions() {
        return sandbox.keyVault.versions(VAULT, SECRET);
    }

    /** A stored version's value, found among the values the sandbox saw written (tests only). */
    private static String valueOf(VersionView version) {
        return IssuedSecrets.withFingerprint(version.fingerprint()).orElseThrow();
    }

    private static boolean answers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM kv_orders.orders")) {
            return rows.next() && rows.getInt(1) == 1;
        }
    }
}
