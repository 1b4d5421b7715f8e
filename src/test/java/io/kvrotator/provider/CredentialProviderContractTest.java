package io.kvrotator.provider;

import static io.kvrotator.provider.ProviderContractCase.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.app.ProviderFactories;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixtures;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases every {@link CredentialProvider} must pass, for each registered credential type, through its factory,
 * the real SDKs and its sandbox stand-ins. A new provider gets these by adding its fixture to
 * {@link ProviderFixtures#ALL}.
 */
class CredentialProviderContractTest {

    static Stream<ProviderFixture> fixtures() {
        return ProviderFixtures.ALL.stream();
    }

    @Test
    @DisplayName("every registered credential type has a fixture, and every fixture a registered type")
    void everyProviderHasAFixture() {
        assertThat(ProviderFixtures.ALL.stream().map(ProviderFixture::credentialType))
                .containsExactlyInAnyOrderElementsOf(ProviderFactories.ALL.stream()
                        .map(ProviderFactory::credentialType).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("names its credential type and a default validity in the future")
    void namesItsType(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            assertThat(c.provider.credentialType()).isEqualTo(fixture.credentialType());
            assertThat(NOW.atOffset(ZoneOffset.UTC).plus(c.provider.defaultValidity()).toInstant()).isAfter(NOW);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("plans by proving which credential the value is, whatever CredentialId says, changing nothing")
    void plansFromTheValue(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            int before = c.live.remoteWrites();

            RotationPlan plan = c.provider.plan(c.version(Map.of(Tags.CREDENTIAL_ID, c.live.lyingCredentialId())),
                    c.liveValue(), c.scope());

            assertThat(c.live.remoteWrites()).isEqualTo(before);
            assertThat(plan.currentCredentialId()).isEqualToIgnoringCase(c.live.credentialId());
            assertThat(plan.description()).isNotBlank();
            assertThat(c.live.works()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("refuses, terminally and changing nothing, a value that is not a credential of the resource")
    void refusesWithoutPossession(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            int before = c.live.remoteWrites();

            assertThatThrownBy(() -> c.provider.plan(c.liveVersion(), SecretValue.of("Zz9-not-a-credential-of-it"),
                    c.scope())).isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                        assertThat(e.failure().message()).startsWith("refused:").contains("nothing was changed");
                    });
            assertThat(c.live.remoteWrites()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("refuses, terminally and changing nothing, a resource outside the vault's scope")
    void refusesOutsideTheScope(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            int before = c.live.remoteWrites();
            ResourceScope elsewhere = new ResourceScope(ProviderContractCase.VAULT,
                    List.of("/subscriptions/00000000-0000-4000-8000-0000000000ff"), Set.of());

            assertThatThrownBy(() -> c.provider.plan(c.liveVersion(), c.liveValue(), elsewhere))
                    .isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                        assertThat(e.failure().message()).contains("outside the resource scope");
                    });
            assertThat(c.live.remoteWrites()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("issues a credential the service accepts, and the one in use keeps working")
    void issuesWithoutDisturbingTheCredentialInUse(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());

            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));

            assertThat(issued.credentialId()).isNotBlank().isNotEqualToIgnoringCase(plan.currentCredentialId());
            assertThat(c.live.accepts(issued.value().reveal())).isTrue();
            assertThat(c.live.works()).as("the credential the latest version holds").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("verifies the credential it issued")
    void verifiesWhatItIssued(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));

            c.provider.verify(plan, issued);

            assertThat(c.live.works()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("discarding an issued credential leaves the one in use working")
    void discardKeepsTheCredentialInUse(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));

            c.provider.discard(plan, issued);

            assertThat(c.live.works()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("revocation invalidates every credential but the one kept, and says so when asked")
    void invalidatesAllButTheKeptOne(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));

            c.provider.invalidateAllBut(plan, issued.credentialId());
            c.provider.invalidateAllBut(plan, issued.credentialId());

            assertThat(c.live.works()).as("the compromised credential").isFalse();
            assertThat(c.live.accepts(issued.value().reveal())).as("the kept credential").isTrue();
            assertThat(c.provider.stillAccepts(plan, c.liveValue())).isFalse();
            assertThat(c.provider.stillAccepts(plan, issued.value())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("retirement (no credential kept) invalidates every credential, the one in use too, and says so when"
            + " asked")
    void invalidatesEveryCredentialWhenNoneIsKept(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));

            c.provider.invalidateAllBut(plan, null);
            c.provider.invalidateAllBut(plan, null);

            assertThat(c.live.works()).as("the credential in use").isFalse();
            assertThat(c.live.accepts(issued.value().reveal())).as("every other credential").isFalse();
            assertThat(c.provider.stillAccepts(plan, c.liveValue())).isFalse();
            assertThat(c.provider.stillAccepts(plan, issued.value())).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("lists every credential of the resource, the one in use among them, described without a value,"
            + " changing nothing")
    void listsItsCredentials(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            RotationPlan plan = c.provider.plan(c.liveVersion(), c.liveValue(), c.scope());
            int before = c.live.remoteWrites();

            List<ProviderCredential> credentials = c.provider.credentials(plan);

            assertThat(credentials).extracting(credential -> credential.id().toLowerCase())
                    .contains(c.live.credentialId().toLowerCase()).doesNotHaveDuplicates();
            assertThat(credentials).allSatisfy(credential -> assertThat(credential.description()).isNotBlank()
                    .doesNotContain(c.live.value()));
            assertThat(c.live.remoteWrites()).isEqualTo(before);
            assertThat(c.live.works()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("refuses, as terminal, a secret with no ProviderAddress tag")
    void missingAddressIsTerminal(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            Map<String, String> without = new HashMap<>();
            without.put(Tags.PROVIDER_ADDRESS, null);

            assertThatThrownBy(() -> c.provider.plan(c.version(without), c.liveValue(), c.scope()))
                    .isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                        assertThat(e.failure().message()).contains(Tags.PROVIDER_ADDRESS);
                    });
        }
    }

    static Stream<ProviderFixture> fixturesWithConnectionStrings() {
        return ProviderFixtures.ALL.stream().filter(ProviderFixture::connectionStrings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixturesWithConnectionStrings")
    @DisplayName("with ValueFormat=connectionString, proves the key inside the value and stores a connection string")
    void connectionStringRoundTrip(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            SecretValue current = SecretValue.of(c.live.connectionString().orElseThrow());
            RotationPlan plan = c.provider.plan(c.version(Map.of(Tags.VALUE_FORMAT, "connectionString")), current,
                    c.scope());

            IssuedCredential issued = c.provider.issue(plan, NOW.plus(Duration.ofDays(90)));
            c.provider.verify(plan, issued);

            assertThat(plan.currentCredentialId()).isEqualToIgnoringCase(c.live.credentialId());
            String newKey = c.live.keyOf(issued.value().reveal());
            assertThat(c.live.accepts(newKey)).as("the key in the new connection string").isTrue();
            assertThat(issued.value().reveal()).isNotEqualTo(newKey);
            assertThat(c.live.works()).as("the key in use").isTrue();
            assertThat(c.provider.stillAccepts(plan, current)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @DisplayName("with ValueFormat=connectionString, refuses a bare key or an unknown format, changing nothing")
    void connectionStringRefusals(ProviderFixture fixture) {
        try (ProviderContractCase c = new ProviderContractCase(fixture)) {
            int before = c.live.remoteWrites();

            assertThatThrownBy(() -> c.provider.plan(c.version(Map.of(Tags.VALUE_FORMAT, "connectionString")),
                    SecretValue.of("not=a;connection=string"), c.scope()))
                    .isInstanceOfSatisfying(RotationException.class, e ->
                            assertThat(e.failure()).isInstanceOf(Failure.Terminal.class));
            assertThatThrownBy(() -> c.provider.plan(c.version(Map.of(Tags.VALUE_FORMAT, "pem")), c.liveValue(),
                    c.scope())).isInstanceOfSatisfying(RotationException.class, e ->
                            assertThat(e.failure().message()).contains("ValueFormat"));
            assertThat(c.live.remoteWrites()).isEqualTo(before);
        }
    }
}
