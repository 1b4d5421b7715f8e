package io.kvrotator.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixtures;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.testing.KeyVaultEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every credential type end to end, through the local Functions host at the Core Tools URLs: a near-expiry event on
 * the Event Grid webhook gives one new version holding a credential the service accepts (the key, or its connection
 * string), and the credential in use still works at the stand-in. A new type is covered by adding its fixture.
 */
class EveryProviderEndToEndTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final String VAULT = "kv-dev-everyprovider";
    private static final String SECRET = "E2E-CREDENTIAL";

    static Stream<Arguments> cases() {
        return ProviderFixtures.ALL.stream().flatMap(fixture -> fixture.valueFormats().stream()
                .map(format -> Arguments.of(fixture, format)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void nearExpiryEventRotatesOnce(ProviderFixture fixture, String format) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (Sandbox sandbox = Sandbox.start(clock)) {
            sandbox.keyVault.createVault(VAULT);
            ProviderFixture.Live live = fixture.createLive(sandbox, "e2e");
            String value = format.equals("connectionString") ? live.connectionString().orElseThrow() : live.value();
            Map<String, String> tags = new HashMap<>(live.tags());
            tags.put("ValueFormat", format);
            tags.put("Owner", "e2e@contoso.com");
            Instant expires = NOW.plus(Duration.ofDays(20));
            String version = sandbox.keyVault.seedSecret(VAULT, SECRET, value, tags,
                    NOW.minus(Duration.ofDays(40)), expires);
            clock.advance(Duration.ofMinutes(1));
            sandbox.install(sandbox.appSettings(VAULT));
            try (LocalFunctionsHost host = new LocalFunctionsHost(HostedApp.current().functions(),
                    "e2e-function-key", () -> SandboxState.of(sandbox), 0)) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                host.baseUrl() + "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry"))
                        .header("aeg-event-type", "Notification").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + KeyVaultEvents.nearExpiry(VAULT, SECRET,
                                version, expires, clock.instant()) + "]")).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
            }
            List<VersionView> versions = sandbox.keyVault.versions(VAULT, SECRET);
            assertThat(versions).hasSize(2);
            assertThat(versions.get(1).tags()).containsEntry("ValueFormat", format)
                    .containsEntry("CredentialType", fixture.credentialType())
                    .doesNotContainEntry("CredentialId", live.credentialId());
            assertThat(live.works()).as("the credential in use, at the stand-in").isTrue();
            if (!format.equals("connectionString")) {
                assertThat(live.holdsAWorkingCredential().test(versions.get(1))).as("the new version's credential")
                        .isTrue();
            }
            if (format.equals("key")) {
                String state = SandboxState.of(sandbox).toString();
                String fingerprint = "\"fingerprint\":\"" + versions.get(1).fingerprint() + "\"";
                assertThat(state.split(java.util.regex.Pattern.quote(fingerprint), -1).length - 1)
                        .as("GET /sandbox/state shows the new key at the resource too, not only in the vault")
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }
}
