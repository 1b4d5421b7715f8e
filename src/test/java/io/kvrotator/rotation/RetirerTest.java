package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.Step;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.support.Retry;
import io.kvrotator.testing.InMemorySecretStore;
import io.kvrotator.publish.SecretEvent;
import io.kvrotator.testing.RecordingNotifier;
import io.kvrotator.testing.RecordingOutcomeEvents;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Retirement's steps and end states, with fakes for every port. */
class RetirerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final SecretRef SECRET = new SecretRef("kv-dev-app", "API-KEY");
    private static final RetirementRequest REQUEST = new RetirementRequest(SECRET, "alice@contoso.com",
            "moved to a managed identity", "bob@contoso.com");

    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(35)));
    private final InMemorySecretStore store = new InMemorySecretStore(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final RecordingOutcomeEvents events = new RecordingOutcomeEvents();
    private final FakeProvider provider = new FakeProvider();
    private final ResourceScopes scopes = new ResourceScopes(Map.of("kv-dev-app", new ResourceScope("kv-dev-app",
            List.of("/subscriptions/00000000-0000-4000-8000-000000000001"), Set.of())));
    private RotationLock lock = new InProcessRotationLock();

    @Test
    @DisplayName("invalidates every credential, the one in use last, checks the provider refuses it, then disables and"
            + " tags every version")
    void retires() {
        store.seed(SECRET, provider.value("b").reveal(), Map.of(), NOW.minus(Duration.ofDays(30)));
        SecretVersion latest = seed(Map.of("CredentialType", "Fake", "Owner", "team@contoso.com"));
        SecretValue inUse = provider.value("a");
        clock.set(NOW);

        RetirementOutcome outcome = retirer().retire(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(RetirementOutcome.Retired.class, retired -> {
            assertThat(retired.disabledVersions()).hasSize(2).contains(latest.version());
            assertThat(retired.atProvider()).isEqualTo(new RetirementOutcome.Invalidated(List.of(
                    "credential a of the fake resource", "credential b of the fake resource")));
        });
        assertThat(provider.calls).containsExactly("plan", "invalidateAllBut null", "stillAccepts");
        assertThat(provider.credentials).doesNotContainValue(inUse);
        assertThat(store.stored(SECRET)).allSatisfy(stored -> {
            assertThat(stored.version().enabled()).isFalse();
            assertThat(stored.version().tags()).containsEntry(Tags.RETIRED_AT, NOW.toString())
                    .containsEntry(Tags.RETIRED_BY, "alice@contoso.com").containsEntry(Tags.APPROVED_BY, "bob@contoso.com")
                    .containsEntry(Tags.RETIREMENT_REASON, "moved to a managed identity");
        });
        assertThat(events.published(SecretEvent.Retired.class)).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("io.kvrotator.secret.retired");
            assertThat(event.version()).isEqualTo(latest.version());
            assertThat(event.disabledVersions()).hasSize(2);
            assertThat(event.invalidatedAtProvider()).isTrue();
            assertThat(event.requestedBy()).isEqualTo("alice@contoso.com");
            assertThat(event.approvedBy()).isEqualTo("bob@contoso.com");
        });
        assertThat(notifier.sent()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(NoticeKind.RETIRED);
            assertThat(notice.owners()).containsExactly("team@contoso.com");
            assertThat(notice.detail()).contains("No longer working: credential a of the fake resource",
                    "Requested by alice@contoso.com, approved by bob@contoso.com");
        });
    }

    @Test
    @DisplayName("a secret without CredentialType has its versions disabled, and its owners are told what remains to"
            + " be done at the provider")
    void withoutCredentialType() {
        seed(Map.of("Owner", "team@contoso.com", "ProviderAddress", "https://partner.example/keys/7"));
        clock.set(NOW);

        RetirementOutcome outcome = retirer().retire(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(RetirementOutcome.Retired.class, retired -> assertThat(
                ((RetirementOutcome.LeftToOwners) retired.atProvider()).remainingWork())
                .contains("no CredentialType tag", "revoke or delete it at its provider",
                        "ProviderAddress https://partner.example/keys/7"));
        assertThat(provider.calls).isEmpty();
        assertThat(store.stored(SECRET)).singleElement().satisfies(stored -> assertThat(stored.version().enabled())
                .isFalse());
        assertThat(notifier.sent()).singleElement().satisfies(notice -> {
            assertThat(notice.severity()).isEqualTo(Severity.ERROR);
            assertThat(notice.summary()).contains("still needs removing at the provider");
        });
    }

    @Test
    @DisplayName("a value that no longer proves its resource invalidates nothing there; the versions are still"
            + " disabled and the owners told to check the provider")
    void proofRefused() {
        store.seed(SECRET, "not-a-credential-of-it", Map.of("CredentialType", "Fake"), NOW.plus(Duration.ofDays(10)));
        clock.set(NOW);

        RetirementOutcome outcome = retirer().retire(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(RetirementOutcome.Retired.class, retired -> assertThat(
                ((RetirementOutcome.LeftToOwners) retired.atProvider()).remainingWork())
                .contains("nothing is invalidated at the provider", "neither a nor b"));
        assertThat(provider.calls).containsExactly("plan");
        assertThat(store.stored(SECRET)).allSatisfy(stored -> assertThat(stored.version().enabled()).isFalse());
    }

    @Test
    @DisplayName("a provider failing at invalidation disables no version; asked again, the retirement completes")
    void retryableProviderFailure() {
        seed(Map.of("CredentialType", "Fake"));
        clock.set(NOW);
        provider.failInvalidate = new IllegalStateException("connection reset");

        RetirementOutcome failed = retirer().retire(REQUEST);
        provider.failInvalidate = null;
        RetirementOutcome again = retirer().retire(REQUEST);

        assertThat(failed).isInstanceOfSatisfying(RetirementOutcome.Failed.class, failure ->
                assertThat(failure.failure().step()).isEqualTo(Step.REVOKE));
        assertThat(again).isInstanceOfSatisfying(RetirementOutcome.Retired.class, retired ->
                assertThat(retired.atProvider()).isInstanceOf(RetirementOutcome.Invalidated.class));
        assertThat(store.stored(SECRET)).allSatisfy(stored -> assertThat(stored.version().enabled()).isFalse());
    }

    @Test
    @DisplayName("retiring a retired secret again disables nothing more and changes nothing at the provider")
    void retiredAlready() {
        seed(Map.of("CredentialType", "Fake"));
        clock.set(NOW);
        retirer().retire(REQUEST);
        provider.calls.clear();

        RetirementOutcome again = retirer().retire(REQUEST);

        assertThat(again).isInstanceOfSatisfying(RetirementOutcome.Retired.class, retired -> {
            assertThat(retired.disabledVersions()).isEmpty();
            assertThat(((RetirementOutcome.LeftToOwners) retired.atProvider()).remainingWork())
                    .contains("retired already at " + NOW);
        });
        assertThat(provider.calls).isEmpty();
    }

    @Test
    @DisplayName("a latest version someone disabled by hand is refused terminally, changing nothing")
    void disabledByHand() {
        SecretVersion latest = seed(Map.of("CredentialType", "Fake"));
        store.disableAllExcept(SECRET, null, Map.of());
        clock.set(NOW);

        RetirementOutcome outcome = retirer().retire(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(RetirementOutcome.Failed.class, failed -> {
            assertThat(failed.failure()).isInstanceOf(Failure.Terminal.class);
            assertThat(failed.failure().message()).contains("latest version " + latest.version() + " is disabled");
        });
        assertThat(provider.calls).isEmpty();
        assertThat(store.stored(SECRET).get(0).version().tags()).doesNotContainKey(Tags.RETIRED_AT);
        assertThat(notifier.sent()).isEmpty();
    }

    @Test
    @DisplayName("a lock held by a rotation fails retryably at step lock, changing nothing")
    void lockHeld() {
        seed(Map.of("CredentialType", "Fake"));
        clock.set(NOW);
        InProcessRotationLock held = new InProcessRotationLock();
        lock = held;
        held.tryAcquire(SECRET).orElseThrow();

        RetirementOutcome outcome = retirer().retire(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(RetirementOutcome.Failed.class, failed ->
                assertThat(failed.failure().step()).isEqualTo(Step.LOCK));
        assertThat(store.stored(SECRET)).allSatisfy(stored -> assertThat(stored.version().enabled()).isTrue());
    }

    private SecretVersion seed(Map<String, String> tags) {
        clock.set(NOW.minus(Duration.ofDays(35)));
        return store.seed(SECRET, provider.value("a").reveal(), tags, NOW.plus(Duration.ofDays(10)));
    }

    private Retirer retirer() {
        return new Retirer(store, new RotationProviders(new ProviderRegistry(List.of(provider)), scopes), lock,
                new NoticeDispatcher(List.of(notifier)), events, new RotationPolicy(Duration.ofDays(30), Duration.ofHours(24)),
                new Retry(2, Duration.ZERO, Duration.ZERO, duration -> { }), clock);
    }
}
