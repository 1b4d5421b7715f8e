package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.testing.HttpErrors;
import io.kvrotator.testing.InMemorySecretStore;
import io.kvrotator.testing.RecordingNotifier;
import io.kvrotator.vault.NewSecretVersion;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The protocol's step order and failure semantics, with fakes for every port. */
class RotatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final SecretRef SECRET = new SecretRef("kv-dev-app", "API-KEY");

    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(35)));
    private final InMemorySecretStore store = new InMemorySecretStore(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final FakeProvider provider = new FakeProvider();
    private RotationLock lock = new InProcessRotationLock();
    private final ToldFailures failing = new InProcessToldFailures();
    private ResourceScopes scopes = new ResourceScopes(Map.of("kv-dev-app",
            new ResourceScope("kv-dev-app", List.of("/subscriptions/00000000-0000-4000-8000-000000000001"), Set.of())));
    private SecretVersion current;

    @BeforeEach
    void seed() {
        current = seed(Map.of("CredentialType", "Fake", "CredentialId", "a", "Owner", "team@contoso.com"));
        clock.set(NOW);
    }

    @Test
    @DisplayName("stores the issued credential with copied and audit tags, exp = now + default validity")
    void rotates() {
        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOf(RotationOutcome.Rotated.class);
        InMemorySecretStore.Stored stored = store.stored(SECRET).get(1);
        assertThat(stored.value()).isEqualTo(provider.value("b"));
        assertThat(stored.version().tags()).containsEntry("CredentialId", "b").containsEntry("Owner", "team@contoso.com")
                .containsEntry("PreviousVersion", current.version()).containsEntry("RotatedBy", "event:e1")
                .containsEntry("RotationReason", "SecretNearExpiry").containsEntry("RotatedAt", NOW.toString());
        assertThat(stored.version().expiresOn()).isEqualTo(NOW.plus(Duration.ofDays(45)));
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "retire");
        assertThat(notifier.sent()).singleElement().extracting(n -> n.kind()).isEqualTo(NoticeKind.ROTATED);
    }

    @Test
    @DisplayName("the value, not the CredentialId tag, says which credential is in use: a secret holding b tagged a"
            + " regenerates a")
    void proofDecidesWhichCredentialIsInUse() {
        current = seed(provider.value("b"), Map.of("CredentialType", "Fake", "CredentialId", "a"));
        clock.set(NOW);
        SecretValue inUse = provider.value("b");

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Rotated.class,
                rotated -> assertThat(rotated.credentialId()).isEqualTo("a"));
        assertThat(provider.value("b")).as("the credential the latest version held").isEqualTo(inUse);
    }

    @Test
    @DisplayName("a value that is no credential of the resource is refused, terminally, before anything changes")
    void refusesWithoutPossession() {
        current = seed(SecretValue.of("someone-elses-key"), Map.of("CredentialType", "Fake", "CredentialId", "a"));
        clock.set(NOW);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.failure().message()).startsWith("refused: the secret's value is neither a nor b");
        });
        assertThat(provider.calls).containsExactly("plan");
        assertThat(notifier.sent()).singleElement().extracting(n -> n.kind()).isEqualTo(NoticeKind.ROTATION_FAILED);
    }

    @Test
    @DisplayName("a resource outside the vault's scope is refused before any provider call")
    void refusesOutsideTheScope() {
        scopes = new ResourceScopes(Map.of());

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).failure().message()).contains("outside the resource scope of"
                + " vault kv-dev-app", "ROTATOR_RESOURCE_SCOPES");
        assertThat(provider.calls).containsExactly("plan");
        assertThat(store.stored(SECRET)).hasSize(1);
    }

    @Test
    @DisplayName("a provider's own expiry (an app password's end date) becomes the version's exp")
    void providerExpiryWins() {
        provider.expiresOn = NOW.plus(Duration.ofDays(547));

        rotator().rotate(request());

        assertThat(store.stored(SECRET).get(1).version().expiresOn()).isEqualTo(NOW.plus(Duration.ofDays(547)));
    }

    @Test
    @DisplayName("the ValidityPeriodDays tag overrides the provider's default lifetime")
    void validityTag() {
        current = seed(Map.of("CredentialType", "Fake", "CredentialId", "a", "ValidityPeriodDays", "60"));
        clock.set(NOW);

        rotator().rotate(request());

        assertThat(store.stored(SECRET).get(2).version().expiresOn()).isEqualTo(NOW.plus(Duration.ofDays(60)));
    }

    @Test
    @DisplayName("a validity not comfortably longer than the 30-day window is refused: it would rotate every day")
    void validityInsideTheWindow() {
        current = seed(Map.of("CredentialType", "Fake", "CredentialId", "a", "ValidityPeriodDays", "30"));
        clock.set(NOW);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).failure().message()).isEqualTo("a new version would live 30 days"
                + " (tag ValidityPeriodDays), not comfortably longer than the near-expiry window of 30 days: it would"
                + " be rotated again almost at once; use at least 45 days");
        assertThat(provider.calls).isEmpty();
    }

    @Test
    @DisplayName("a manual rotation of a version younger than the minimum age is refused with when it may run")
    void tooSoon() {
        RotationOutcome first = rotator().rotate(manual());
        clock.advance(Duration.ofMinutes(1));

        RotationOutcome second = rotator().rotate(manual());

        assertThat(first).isInstanceOf(RotationOutcome.Rotated.class);
        assertThat(second).isInstanceOfSatisfying(RotationOutcome.TooSoon.class,
                tooSoon -> assertThat(tooSoon.notBefore()).isEqualTo(NOW.plus(Duration.ofHours(24))));
        assertThat(store.stored(SECRET)).hasSize(2);
    }

    @Test
    @DisplayName("a throttled issue fails retryably, stores nothing, and tells the owners once however often it is retried")
    void throttledIssue() {
        provider.failIssue = HttpErrors.status(429);

        RotationOutcome outcome = rotator().rotate(request());
        rotator().rotate(request());
        rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.failure().step()).isEqualTo(Step.ROTATE);
        });
        assertThat(store.stored(SECRET)).hasSize(1);
        assertThat(notifier.sent()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(NoticeKind.ROTATION_FAILED);
            assertThat(notice.detail()).contains("It will be retried");
        });
    }

    @Test
    @DisplayName("a terminal failure of the daily sweep's rotation is told once, not every day")
    void terminalFailureToldOnce() {
        provider.failIssue = HttpErrors.status(403);
        RotationRequest sweep = new RotationRequest(SECRET, new Trigger.Sweep(), "ExpirySweep", current.version(),
                NOW, false);

        rotator().rotate(sweep);
        clock.advance(Duration.ofDays(1));
        rotator().rotate(sweep);

        assertThat(notifier.sent()).singleElement().extracting(n -> n.kind()).isEqualTo(NoticeKind.ROTATION_FAILED);
    }

    @Test
    @DisplayName("a credential that fails verification is discarded and never stored")
    void verifyFails() {
        provider.failVerify = RotationException.retryable(Step.VERIFY, "not accepted yet");

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).retryable()).isTrue();
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "discard");
        assertThat(store.stored(SECRET)).hasSize(1);
    }

    @Test
    @DisplayName("a Key Vault write that fails with 503 and did not land is retryable; the new credential is not"
            + " removed on a guess")
    void storeFails() {
        store.failPutsWith(HttpErrors.status(503));

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.failure().step()).isEqualTo(Step.STORE);
        });
        assertThat(provider.calls).containsExactly("plan", "issue", "verify");
    }

    @Test
    @DisplayName("a Key Vault write that landed but whose answer was lost is read back: the rotation is stored,"
            + " retired and told")
    void storeAnswerLost() {
        store.losePutAnswersWith(HttpErrors.status(503));

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Rotated.class, rotated -> {
            assertThat(rotated.credentialId()).isEqualTo("b");
            assertThat(rotated.newVersion()).isEqualTo(store.stored(SECRET).get(1).version().version());
        });
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "retire");
        assertThat(notifier.sent()).extracting(n -> n.kind()).containsExactly(NoticeKind.ROTATED);
    }

    @Test
    @DisplayName("a lease that cannot be shown held before the store stops the rotation: nothing stored, retryable")
    void leaseLostBeforeStore() {
        lock = secret -> Optional.of(new RotationLock.Lease() {
            @Override
            public void confirm(Step step) {
                if (step == Step.STORE) {
                    throw RotationException.retryable(step, "lease lost");
                }
            }

            @Override
            public void close() {
            }
        });

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.failure().step()).isEqualTo(Step.STORE);
        });
        assertThat(store.stored(SECRET)).hasSize(1);
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "discard");
    }

    @Test
    @DisplayName("a 403 from the provider is terminal and the owner is told what to do")
    void forbiddenIsTerminal() {
        provider.failIssue = HttpErrors.status(403);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).retryable()).isFalse();
        assertThat(notifier.sent()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(NoticeKind.ROTATION_FAILED);
            assertThat(notice.owners()).containsExactly("team@contoso.com");
            assertThat(notice.detail()).contains("managed identity", "will not be retried");
        });
    }

    @Test
    @DisplayName("an unknown CredentialType is terminal and names the known types")
    void unknownType() {
        current = seed(Map.of("CredentialType", "fake"));
        clock.set(NOW);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).failure().message())
                .isEqualTo("credential type 'fake' is not registered (did you mean 'Fake'? tag values are"
                        + " case-sensitive); known types: Fake");
        assertThat(provider.calls).isEmpty();
    }

    @Test
    @DisplayName("a provider that cannot be built on first use fails the rotation at plan, told, and nothing changes")
    void providerCannotBeBuilt() {
        ProviderRegistry registry = ProviderRegistry.builtOnFirstUse(List.of(new ProviderFactory.Configured("Fake",
                null, Duration.ofDays(90), context -> {
                    throw new IllegalArgumentException("no endpoint for the provider");
                })), null);

        RotationOutcome outcome = rotator(registry).rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.failure()).isEqualTo(new Failure.Terminal(Step.PLAN,
                    "IllegalArgumentException: no endpoint for the provider"));
        });
        assertThat(store.stored(SECRET)).hasSize(1);
        assertThat(notifier.sent()).extracting(n -> n.kind()).containsExactly(NoticeKind.ROTATION_FAILED);
    }

    @Test
    @DisplayName("a secret whose rotated version would exceed 15 tags fails before anything changes")
    void tooManyTags() {
        Map<String, String> tags = new HashMap<>(Map.of("CredentialType", "Fake", "CredentialId", "a"));
        for (int i = 0; i < 10; i++) {
            tags.put("Extra" + i, "x");
        }
        current = seed(tags);
        clock.set(NOW);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).failure().message()).contains("16 tags", "allows 15", "remove 1 tag");
        assertThat(provider.calls).isEmpty();
    }

    @Test
    @DisplayName("a malformed ValidityPeriodDays tag is terminal")
    void badValidity() {
        current = seed(Map.of("CredentialType", "Fake", "CredentialId", "a", "ValidityPeriodDays", "sixty"));
        clock.set(NOW);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).failure().message())
                .contains("ValidityPeriodDays must be a whole number of days from 1 to 3650, not 'sixty'");
    }

    @Test
    @DisplayName("a held lock fails retryably before any provider call")
    void lockHeld() {
        lock = secret -> Optional.empty();

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class,
                failed -> assertThat(failed.failure().step()).isEqualTo(Step.LOCK));
        assertThat(provider.calls).isEmpty();
    }

    @Test
    @DisplayName("the lock is asked for while the latest version is read, not after it; the re-read follows the lease")
    void lockAskedBesideTheFirstRead() throws InterruptedException {
        CountDownLatch asked = new CountDownLatch(1);
        RotationLock locks = new InProcessRotationLock();
        lock = secret -> {
            asked.countDown();
            return locks.tryAcquire(secret);
        };
        List<Boolean> askedDuringTheRead = new CopyOnWriteArrayList<>();
        List<Boolean> heldDuringTheReRead = new CopyOnWriteArrayList<>();
        SecretStore waitingForTheLock = new DelegatingStore(store) {
            @Override
            public Optional<SecretVersion> latest(SecretRef ref) {
                try {
                    askedDuringTheRead.add(asked.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.latest(ref);
            }

            @Override
            public Optional<StoredSecret> read(SecretRef ref, String version) {
                Optional<RotationLock.Lease> probe = locks.tryAcquire(ref);
                heldDuringTheReRead.add(probe.isEmpty());
                probe.ifPresent(RotationLock.Lease::close);
                return super.read(ref, version);
            }
        };

        RotationOutcome outcome = rotator(waitingForTheLock).rotate(request());

        assertThat(outcome).isInstanceOf(RotationOutcome.Rotated.class);
        assertThat(askedDuringTheRead).containsExactly(true);
        assertThat(heldDuringTheReRead).as("the value is read under the lease").isNotEmpty().containsOnly(true);
        assertThat(locks.tryAcquire(SECRET)).as("released with the rotation").isPresent();
    }

    @Test
    @DisplayName("a rotation that decides not to rotate gives the lock it asked for back before it returns, even when"
            + " taking it is slower than deciding")
    void skippedRotationReleasesTheLock() {
        rotator().rotate(request());
        SlowLock locks = new SlowLock(new InProcessRotationLock(), Duration.ofMillis(300));
        lock = locks;

        RotationOutcome again = rotator().rotate(request());

        assertThat(again).isInstanceOf(RotationOutcome.Skipped.class);
        assertThat(locks.asking.get()).as("no acquire still under way").isZero();
        assertThat(locks.held.get()).as("no lease held").isZero();
        assertThat(locks.tryAcquire(SECRET)).as("the lock is free").isPresent();
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "retire");
    }

    /** Takes {@code delay} to acquire, and counts the acquires under way and the leases held. */
    private static final class SlowLock implements RotationLock {

        private final RotationLock locks;
        private final Duration delay;
        private final AtomicInteger asking = new AtomicInteger();
        private final AtomicInteger held = new AtomicInteger();

        SlowLock(RotationLock locks, Duration delay) {
            this.locks = locks;
            this.delay = delay;
        }

        @Override
        public Optional<Lease> tryAcquire(SecretRef secret) {
            asking.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
                return locks.tryAcquire(secret).map(lease -> {
                    held.incrementAndGet();
                    return new Lease() {
                        @Override
                        public void confirm(Step step) {
                            lease.confirm(step);
                        }

                        @Override
                        public void close() {
                            held.decrementAndGet();
                            lease.close();
                        }
                    };
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                asking.decrementAndGet();
            }
        }
    }

    @Test
    @DisplayName("a retire failure is reported but the rotation stands")
    void retireFails() {
        provider.failRetire = HttpErrors.status(500);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOf(RotationOutcome.Rotated.class);
        assertThat(notifier.sent()).extracting(n -> n.kind())
                .containsExactly(NoticeKind.ROTATION_FAILED, NoticeKind.ROTATED);
    }

    @Test
    @DisplayName("a secret that does not exist is not found")
    void missingSecret() {
        RotationOutcome outcome = rotator().rotate(new RotationRequest(new SecretRef("kv-dev-app", "GONE"),
                new Trigger.Event("e1"), "SecretNearExpiry", current.version(), NOW, false));

        assertThat(outcome).isInstanceOf(RotationOutcome.NotFound.class);
    }

    private SecretVersion seed(Map<String, String> tags) {
        return seed(provider.value("a"), tags);
    }

    private SecretVersion seed(SecretValue value, Map<String, String> tags) {
        clock.set(NOW.minus(Duration.ofDays(35)));
        return store.seed(SECRET, value.reveal(), tags, NOW.plus(Duration.ofDays(10)));
    }

    private Rotator rotator() {
        return rotator(new ProviderRegistry(List.of(provider)));
    }

    private Rotator rotator(ProviderRegistry providers) {
        return rotator(store, providers);
    }

    private Rotator rotator(SecretStore secrets) {
        return rotator(secrets, new ProviderRegistry(List.of(provider)));
    }

    private Rotator rotator(SecretStore secrets, ProviderRegistry providers) {
        return new Rotator(secrets, new RotationProviders(providers, scopes), lock,
                new NoticeDispatcher(List.of(notifier)), new RotationPolicy(Duration.ofDays(30), Duration.ofHours(24)),
                failing, OutcomeEvents.off(), clock);
    }

    private RotationRequest request() {
        return new RotationRequest(SECRET, new Trigger.Event("e1"), "SecretNearExpiry", current.version(), NOW, false);
    }

    private static RotationRequest manual() {
        return new RotationRequest(SECRET, new Trigger.Http("alice@contoso.com"), "manual", null, null, false);
    }

    /** The in-memory store behind a test's own {@link SecretStore}, which overrides what it watches. */
    private static class DelegatingStore implements SecretStore {

        private final SecretStore store;

        DelegatingStore(SecretStore store) {
            this.store = store;
        }

        @Override
        public Optional<SecretVersion> latest(SecretRef ref) {
            return store.latest(ref);
        }

        @Override
        public Optional<StoredSecret> read(SecretRef ref, String version) {
            return store.read(ref, version);
        }

        @Override
        public List<SecretVersion> list(String vault) {
            return store.list(vault);
        }

        @Override
        public SecretVersion put(SecretRef ref, NewSecretVersion version) {
            return store.put(ref, version);
        }

        @Override
        public List<String> disableAllExcept(SecretRef ref, String keepVersion, Map<String, String> tags) {
            return store.disableAllExcept(ref, keepVersion, tags);
        }
    }
}
