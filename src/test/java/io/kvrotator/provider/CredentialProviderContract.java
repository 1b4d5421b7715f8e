package io.kvrotator.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cases every {@link CredentialProvider} must pass, run against its sandbox stand-in through the real SDK.
 * A provider's test extends this and says how to seed a live credential and how to ask the stand-in about it.
 */
public abstract class CredentialProviderContract<P extends RotationPlan> {

    protected static final Instant NOW = SandboxTest.START;

    protected abstract CredentialProvider<P> provider();

    /** A version whose tags point at a credential that is live at the stand-in right now. */
    protected abstract SecretVersion liveVersion();

    /** The value {@link #liveVersion()} holds. */
    protected abstract SecretValue liveValue();

    /** The scope of the vault, which holds the live credential's resource. */
    protected abstract ResourceScope scope();

    /** The credential id a proof of {@link #liveValue()} must give. */
    protected abstract String liveCredentialId();

    /** A well-formed {@code CredentialId} that names another credential than the live one: a lying tag. */
    protected abstract String lyingCredentialId();

    /** Whether the service still accepts the credential {@link #liveVersion()} holds. */
    protected abstract boolean liveCredentialWorks();

    /** Whether the service accepts {@code issued}. */
    protected abstract boolean accepts(IssuedCredential issued);

    /** How many changing calls (not reads) the provider's stand-ins have answered so far. */
    protected abstract int remoteWrites();

    @Test
    @DisplayName("names its credential type")
    void namesItsType() {
        assertThat(provider().credentialType()).isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(NOW.atOffset(java.time.ZoneOffset.UTC).plus(provider().defaultValidity()).toInstant()).isAfter(NOW);
    }

    @Test
    @DisplayName("plans by proving which credential the value is, whatever CredentialId says, changing nothing")
    void plansFromTheValue() {
        int before = remoteWrites();

        P plan = provider().plan(withTags(Map.of(Tags.CREDENTIAL_ID, lyingCredentialId())), liveValue(), scope());

        assertThat(remoteWrites()).isEqualTo(before);
        assertThat(plan.currentCredentialId()).isEqualToIgnoringCase(liveCredentialId());
        assertThat(plan.description()).isNotBlank();
        assertThat(liveCredentialWorks()).isTrue();
    }

    @Test
    @DisplayName("refuses, terminally and changing nothing, a value that is not a credential of the resource")
    void refusesWithoutPossession() {
        int before = remoteWrites();

        assertThatThrownBy(() -> provider().plan(liveVersion(), SecretValue.of("Zz9-not-a-credential-of-it"), scope()))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                    assertThat(e.failure().message()).startsWith("refused:").contains("nothing was changed");
                });
        assertThat(remoteWrites()).isEqualTo(before);
    }

    @Test
    @DisplayName("refuses, terminally and changing nothing, a resource outside the vault's scope")
    void refusesOutsideTheScope() {
        int before = remoteWrites();
        ResourceScope elsewhere = new ResourceScope(scope().vault(),
                List.of("/subscriptions/00000000-0000-4000-8000-0000000000ff"), Set.of());

        assertThatThrownBy(() -> provider().plan(liveVersion(), liveValue(), elsewhere))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                    assertThat(e.failure().message()).contains("outside the resource scope");
                });
        assertThat(remoteWrites()).isEqualTo(before);
    }

    @Test
    @DisplayName("issues a credential the service accepts, and the one in use keeps working")
    void issuesWithoutDisturbingTheCredentialInUse() {
        P plan = provider().plan(liveVersion(), liveValue(), scope());

        IssuedCredential issued = provider().issue(plan, NOW.plus(Duration.ofDays(90)));

        assertThat(issued.credentialId()).isNotBlank().isNotEqualToIgnoringCase(plan.currentCredentialId());
        assertThat(accepts(issued)).isTrue();
        assertThat(liveCredentialWorks()).as("the credential the latest version holds").isTrue();
    }

    @Test
    @DisplayName("verifies the credential it issued")
    void verifiesWhatItIssued() {
        P plan = provider().plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider().issue(plan, NOW.plus(Duration.ofDays(90)));

        provider().verify(plan, issued);

        assertThat(liveCredentialWorks()).isTrue();
    }

    @Test
    @DisplayName("discarding an issued credential leaves the one in use working")
    void discardKeepsTheCredentialInUse() {
        P plan = provider().plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider().issue(plan, NOW.plus(Duration.ofDays(90)));

        provider().discard(plan, issued);

        assertThat(liveCredentialWorks()).isTrue();
    }

    @Test
    @DisplayName("revocation invalidates every credential but the one kept, and says so when asked")
    void invalidatesAllButTheKeptOne() {
        P plan = provider().plan(liveVersion(), liveValue(), scope());
        IssuedCredential issued = provider().issue(plan, NOW.plus(Duration.ofDays(90)));

        provider().invalidateAllBut(plan, issued.credentialId());
        provider().invalidateAllBut(plan, issued.credentialId());

        assertThat(liveCredentialWorks()).as("the compromised credential").isFalse();
        assertThat(accepts(issued)).as("the kept credential").isTrue();
        assertThat(provider().stillAccepts(plan, liveValue())).isFalse();
        assertThat(provider().stillAccepts(plan, issued.value())).isTrue();
    }

    @Test
    @DisplayName("refuses, as terminal, a secret with no ProviderAddress tag")
    void missingAddressIsTerminal() {
        Map<String, String> tags = new HashMap<>(liveVersion().tags());
        tags.remove(Tags.PROVIDER_ADDRESS);
        SecretVersion untargeted = new SecretVersion(liveVersion().ref(), liveVersion().version(), true,
                liveVersion().createdOn(), liveVersion().notBefore(), liveVersion().expiresOn(), null, tags);

        assertThatThrownBy(() -> provider().plan(untargeted, liveValue(), scope()))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                    assertThat(e.failure().message()).contains(Tags.PROVIDER_ADDRESS);
                });
    }

    /** {@link #liveVersion()} with some tags replaced. */
    protected SecretVersion withTags(Map<String, String> replaced) {
        Map<String, String> tags = new HashMap<>(liveVersion().tags());
        tags.putAll(replaced);
        SecretVersion live = liveVersion();
        return new SecretVersion(live.ref(), live.version(), true, live.createdOn(), live.notBefore(),
                live.expiresOn(), null, tags);
    }
}
