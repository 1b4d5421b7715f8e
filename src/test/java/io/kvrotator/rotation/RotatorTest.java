package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.testing.InMemorySecretStore;
import io.kvrotator.testing.RecordingNotifier;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The protocol's step order and failure semantics, with fakes for every port. */
class RotatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final SecretRef SECRET = new SecretRef("kv-dev-app", "API-KEY");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemorySecretStore store = new InMemorySecretStore(clock);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final FakeProvider provider = new FakeProvider();
    private RotationLock lock = new InProcessRotationLock();
    private final FailingRotations failing = new InProcessFailingRotations();
    private SecretVersion current;

    @BeforeEach
    void seed() {
        current = store.seed(SECRET, new HashMap<>(Map.of("CredentialType", "Fake", "CredentialId", "a",
                "Owner", "team@contoso.com")), NOW.plus(Duration.ofDays(10)));
    }

    @Test
    @DisplayName("stores the issued credential with copied and audit tags, exp = now + default validity")
    void rotates() {
        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOf(RotationOutcome.Rotated.class);
        InMemorySecretStore.Stored stored = store.stored(SECRET).get(1);
        assertThat(stored.value()).isEqualTo(SecretValue.of("fake-credential-b"));
        assertThat(stored.version().tags()).containsEntry("CredentialId", "b").containsEntry("Owner", "team@contoso.com")
                .containsEntry("PreviousVersion", current.version()).containsEntry("RotatedBy", "event:e1")
                .containsEntry("RotationReason", "SecretNearExpiry").containsEntry("RotatedAt", NOW.toString());
        assertThat(stored.version().expiresOn()).isEqualTo(NOW.plus(Duration.ofDays(45)));
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "retire");
        assertThat(notifier.sent()).singleElement().extracting(n -> n.kind()).isEqualTo(NoticeKind.ROTATED);
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
        current = store.seed(SECRET, Map.of("CredentialType", "Fake", "CredentialId", "a", "ValidityPeriodDays", "7"),
                NOW.plus(Duration.ofDays(1)));

        rotator().rotate(request());

        assertThat(store.stored(SECRET).get(2).version().expiresOn()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    @DisplayName("a throttled issue fails retryably, stores nothing, and tells the owners once however often it is retried")
    void throttledIssue() {
        provider.failIssue = httpError(429);

        RotationOutcome outcome = rotator().rotate(request());
        rotator().rotate(request());
        rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.failure().step()).isEqualTo("rotate");
        });
        assertThat(store.stored(SECRET)).hasSize(1);
        assertThat(notifier.sent()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(NoticeKind.ROTATION_FAILED);
            assertThat(notice.detail()).contains("It will be retried");
        });
    }

    @Test
    @DisplayName("a credential that fails verification is discarded and never stored")
    void verifyFails() {
        provider.failVerify = RotationException.retryable("verify", "not accepted yet");

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(((RotationOutcome.Failed) outcome).retryable()).isTrue();
        assertThat(provider.calls).containsExactly("plan", "issue", "verify", "discard");
        assertThat(store.stored(SECRET)).hasSize(1);
    }

    @Test
    @DisplayName("a Key Vault write that fails with 503 discards the new credential and is retryable")
    void storeFails() {
        store.failPutsWith(httpError(503));

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.failure().step()).isEqualTo("store");
        });
        assertThat(provider.calls).contains("discard");
    }

    @Test
    @DisplayName("a 403 from the provider is terminal and the owner is told what to do")
    void forbiddenIsTerminal() {
        provider.failIssue = httpError(403);

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
        store.seed(SECRET, Map.of("CredentialType", "fake"), NOW.plus(Duration.ofDays(1)));

        RotationOutcome outcome = rotator().rotate(request(store.latest(SECRET).orElseThrow().version()));

        assertThat(((RotationOutcome.Failed) outcome).failure().message())
                .isEqualTo("credential type 'fake' is not registered (did you mean 'Fake'? tag values are"
                        + " case-sensitive); known types: Fake");
        assertThat(provider.calls).isEmpty();
    }

    @Test
    @DisplayName("a secret whose rotated version would exceed 15 tags fails before anything changes")
    void tooManyTags() {
        Map<String, String> tags = new HashMap<>(Map.of("CredentialType", "Fake", "CredentialId", "a"));
        for (int i = 0; i < 10; i++) {
            tags.put("Extra" + i, "x");
        }
        store.seed(SECRET, tags, NOW.plus(Duration.ofDays(1)));

        RotationOutcome outcome = rotator().rotate(request(store.latest(SECRET).orElseThrow().version()));

        assertThat(((RotationOutcome.Failed) outcome).failure().message()).contains("16 tags", "allows 15", "remove 1 tag");
        assertThat(provider.calls).containsExactly("plan");
    }

    @Test
    @DisplayName("a malformed ValidityPeriodDays tag is terminal")
    void badValidity() {
        store.seed(SECRET, Map.of("CredentialType", "Fake", "CredentialId", "a", "ValidityPeriodDays", "sixty"),
                NOW.plus(Duration.ofDays(1)));

        RotationOutcome outcome = rotator().rotate(request(store.latest(SECRET).orElseThrow().version()));

        assertThat(((RotationOutcome.Failed) outcome).failure().message())
                .contains("ValidityPeriodDays must be a whole number of days from 1 to 3650, not 'sixty'");
    }

    @Test
    @DisplayName("a held lock fails retryably before any credential is issued")
    void lockHeld() {
        lock = secret -> Optional.empty();

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOfSatisfying(RotationOutcome.Failed.class,
                failed -> assertThat(failed.failure().step()).isEqualTo("lock"));
        assertThat(provider.calls).containsExactly("plan");
    }

    @Test
    @DisplayName("a retire failure is reported but the rotation stands")
    void retireFails() {
        provider.failRetire = httpError(500);

        RotationOutcome outcome = rotator().rotate(request());

        assertThat(outcome).isInstanceOf(RotationOutcome.Rotated.class);
        assertThat(notifier.sent()).extracting(n -> n.kind())
                .containsExactly(NoticeKind.ROTATION_FAILED, NoticeKind.ROTATED);
    }

    @Test
    @DisplayName("a secret that does not exist is skipped")
    void missingSecret() {
        RotationOutcome outcome = rotator().rotate(new RotationRequest(new SecretRef("kv-dev-app", "GONE"),
                new Trigger.Event("e1"), "SecretNearExpiry", current.version(), NOW, false));

        assertThat(outcome).isInstanceOf(RotationOutcome.Skipped.class);
    }

    private Rotator rotator() {
        return new Rotator(store, new ProviderRegistry(List.of(provider)), lock,
                new NoticeDispatcher(List.of(notifier)), new RotationPolicy(Duration.ofDays(30)), failing, clock);
    }

    private RotationRequest request() {
        return request(current.version());
    }

    private RotationRequest request(String version) {
        return new RotationRequest(SECRET, new Trigger.Event("e1"), "SecretNearExpiry", version, NOW, false);
    }

    private static HttpResponseException httpError(int status) {
        HttpResponse response = Mockito.mock(HttpResponse.class);
        Mockito.when(response.getStatusCode()).thenReturn(status);
        return new HttpResponseException("Status code " + status, response);
    }

    /** Alternates credentials "a" and "b"; each step can be made to fail. */
    private static final class FakeProvider implements CredentialProvider {
        final List<String> calls = new ArrayList<>();
        RuntimeException failIssue;
        RuntimeException failVerify;
        RuntimeException failRetire;
        Instant expiresOn;

        @Override
        public String credentialType() {
            return "Fake";
        }

        @Override
        public Duration defaultValidity() {
            return Duration.ofDays(45);
        }

        @Override
        public RotationPlan plan(SecretVersion current) {
            calls.add("plan");
            String inUse = current.tag("CredentialId").orElse("a");
            String next = inUse.equals("a") ? "b" : "a";
            return new RotationPlan(current, "fake://address", inUse, next, "issue " + next);
        }

        @Override
        public IssuedCredential issue(RotationPlan plan, Instant requestedExpiry) {
            calls.add("issue");
            if (failIssue != null) {
                throw failIssue;
            }
            return new IssuedCredential(plan.nextCredentialId(), SecretValue.of("fake-credential-" + plan.nextCredentialId()),
                    expiresOn);
        }

        @Override
        public void verify(RotationPlan plan, IssuedCredential issued) {
            calls.add("verify");
            if (failVerify != null) {
                throw failVerify;
            }
        }

        @Override
        public void discard(RotationPlan plan, IssuedCredential issued) {
            calls.add("discard");
        }

        @Override
        public void invalidateAllBut(SecretVersion keep) {
            calls.add("invalidateAllBut " + keep.tag("CredentialId").orElse("?"));
        }

        @Override
        public void retire(RotationPlan plan, IssuedCredential issued, Instant now) {
            calls.add("retire");
            if (failRetire != null) {
                throw failRetire;
            }
        }
    }
}
