package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.publish.OutcomeEvent;
import io.kvrotator.publish.SecretEvent;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.testing.HttpErrors;
import io.kvrotator.testing.InMemorySecretStore;
import io.kvrotator.testing.RecordingNotifier;
import io.kvrotator.testing.RecordingOutcomeEvents;
import io.kvrotator.vault.NewSecretVersion;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the rotation core announces to machines, and that a retry announces the same event again. */
class RotationEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final SecretRef SECRET = new SecretRef("kv-dev-app", "API-KEY");

    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(35)));
    private final InMemorySecretStore store = new InMemorySecretStore(clock);
    private final FakeProvider provider = new FakeProvider();
    private final RecordingOutcomeEvents events = new RecordingOutcomeEvents();
    private final ToldFailures told = new InProcessToldFailures();
    private SecretVersion current;

    @BeforeEach
    void seed() {
        current = store.seed(SECRET, provider.value("a").reveal(), Map.of("CredentialType", "Fake",
                "CredentialId", "a"), NOW.plus(Duration.ofDays(10)));
        clock.set(NOW);
    }

    @Test
    @DisplayName("a rotation announces one rotated event: subject vault/secret, data from the new version's tags,"
            + " id a name-based UUID of type, secret and new version")
    void rotated() {
        RotationOutcome.Rotated rotated = (RotationOutcome.Rotated) rotator().rotate(request(current.version()));

        assertThat(events.published()).singleElement().isInstanceOfSatisfying(SecretEvent.Rotated.class, event -> {
            assertThat(event.subject()).isEqualTo("kv-dev-app/API-KEY");
            assertThat(event.type()).isEqualTo("io.kvrotator.secret.rotated");
            assertThat(event.newVersion()).isEqualTo(rotated.newVersion());
            assertThat(event.previousVersion()).isEqualTo(current.version());
            assertThat(event.credentialId()).isEqualTo("b");
            assertThat(event.expiresOn()).isEqualTo(rotated.expiresOn());
            assertThat(event.trigger()).isEqualTo("event:e1");
            assertThat(event.reason()).isEqualTo("SecretNearExpiry");
            assertThat(event.caller()).isNull();
            assertThat(event.time()).isEqualTo(NOW);
            assertThat(event.id()).isEqualTo(nameUuid("io.kvrotator.secret.rotated/kv-dev-app/api-key/"
                    + rotated.newVersion()));
        });
    }

    @Test
    @DisplayName("the event goes out beside the rest of the rotation: the owners are told while the topic takes its"
            + " time, and the rotation returns once the topic has the event")
    void sentBesideTheNotices() {
        RecordingNotifier notifier = new RecordingNotifier();
        List<Boolean> toldBeforeTheTopicAnswered = new CopyOnWriteArrayList<>();
        OutcomeEvents slowTopic = new OutcomeEvents() {
            @Override
            public void publish(OutcomeEvent event) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (notifier.sent().isEmpty() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                toldBeforeTheTopicAnswered.add(!notifier.sent().isEmpty());
                events.publish(event);
            }

            @Override
            public void sendHeld() {
            }
        };

        RotationOutcome outcome = rotator(new NoticeDispatcher(List.of(notifier)), slowTopic)
                .rotate(request(current.version()));

        assertThat(outcome).isInstanceOf(RotationOutcome.Rotated.class);
        assertThat(toldBeforeTheTopicAnswered).containsExactly(true);
        assertThat(events.published()).singleElement().isInstanceOf(SecretEvent.Rotated.class);
    }

    @Test
    @DisplayName("a redelivery that finds its rotation stored but never announced (a lost answer, a crash)"
            + " announces it, with the id the first announcement would have had")
    void retryAnnouncesWithTheSameId() {
        SecretVersion stored = store.put(SECRET, new NewSecretVersion(provider.value("b"), Map.of("CredentialType",
                "Fake", "CredentialId", "b", "RotatedAt", NOW.toString(), "RotatedBy", "event:e1", "RotationReason",
                "SecretNearExpiry", "PreviousVersion", current.version()), NOW, NOW.plus(Duration.ofDays(45)), null));

        RotationOutcome outcome = rotator().rotate(request(current.version()));
        rotator().rotate(request(current.version()));

        assertThat(outcome).isInstanceOf(RotationOutcome.Skipped.class);
        assertThat(events.published(SecretEvent.Rotated.class)).hasSize(2).allSatisfy(event -> {
            assertThat(event.newVersion()).isEqualTo(stored.version());
            assertThat(event.id()).isEqualTo(nameUuid("io.kvrotator.secret.rotated/kv-dev-app/api-key/"
                    + stored.version()));
        });
    }

    @Test
    @DisplayName("a duplicate of an event whose version someone else rotated announces nothing")
    void staleEventAnnouncesNothing() {
        store.put(SECRET, new NewSecretVersion(SecretValue.of("by-hand"), Map.of(), NOW,
                NOW.plus(Duration.ofDays(90)), null));

        rotator().rotate(request(current.version()));

        assertThat(events.published()).isEmpty();
    }

    @Test
    @DisplayName("an unattended failure is announced once per version and kind, as its owners are told; a caller over"
            + " HTTP gets the failure in the response, and machines hear nothing")
    void failures() {
        provider.failIssue = HttpErrors.status(403);

        rotator().rotate(request(current.version()));
        rotator().rotate(request(current.version()));
        RotationRequest http = new RotationRequest(SECRET, new Trigger.Http("alice@contoso.com"), "by hand", null,
                null, false);
        rotator().rotate(http);
        rotator().rotate(http);

        assertThat(events.published()).singleElement().isInstanceOfSatisfying(SecretEvent.RotationFailed.class,
                event -> {
                    assertThat(event.version()).isEqualTo(current.version());
                    assertThat(event.retryable()).isFalse();
                    assertThat(event.step()).isEqualTo("rotate");
                    assertThat(event.trigger()).isEqualTo("event:e1");
                    assertThat(event.error()).contains("403");
                    assertThat(event.id()).isEqualTo(nameUuid("io.kvrotator.secret.rotationfailed/kv-dev-app/api-key/"
                            + current.version() + "/terminal-rotate"));
                });
    }

    private Rotator rotator() {
        return rotator(new NoticeDispatcher(List.of(new RecordingNotifier())), events);
    }

    private Rotator rotator(NoticeDispatcher notices, OutcomeEvents outcomeEvents) {
        return new Rotator(store, new RotationProviders(new ProviderRegistry(List.of(provider)), new ResourceScopes(
                Map.of("kv-dev-app", new ResourceScope("kv-dev-app",
                        List.of("/subscriptions/00000000-0000-4000-8000-000000000001"), Set.of())))),
                new InProcessRotationLock(), notices, new RotationPolicy(Duration.ofDays(30), Duration.ofHours(24)),
                told, outcomeEvents, clock);
    }

    private static RotationRequest request(String seenVersion) {
        return new RotationRequest(SECRET, new Trigger.Event("e1"), "SecretNearExpiry", seenVersion, NOW, false);
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
