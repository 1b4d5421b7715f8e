package io.kvrotator.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.rotation.Failure;
import io.kvrotator.rotation.RotationException;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cases every {@link CredentialProvider} must pass, run against its sandbox stand-in through the real SDK.
 * A provider's test extends this and says how to seed a live credential and how to ask the stand-in about it.
 */
public abstract class CredentialProviderContract {

    protected static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");

    protected abstract CredentialProvider provider();

    /** A version whose tags point at a credential that is live at the stand-in right now. */
    protected abstract SecretVersion liveVersion();

    /** Whether the service still accepts the credential {@link #liveVersion()} holds. */
    protected abstract boolean liveCredentialWorks();

    /** Whether the service accepts {@code issued}. */
    protected abstract boolean accepts(IssuedCredential issued);

    /** How many calls the provider's stand-in has answered so far. */
    protected abstract int remoteCalls();

    @Test
    @DisplayName("names its credential type")
    void namesItsType() {
        assertThat(provider().credentialType()).isNotBlank().doesNotContainAnyWhitespaces();
        assertThat(NOW.atOffset(java.time.ZoneOffset.UTC).plus(provider().defaultValidity()).toInstant()).isAfter(NOW);
    }

    @Test
    @DisplayName("plans from tags alone, without a remote call")
    void plansWithoutChanges() {
        int before = remoteCalls();

        RotationPlan plan = provider().plan(liveVersion());

        assertThat(remoteCalls()).isEqualTo(before);
        assertThat(plan.currentCredentialId()).isEqualTo(liveVersion().tag(Tags.CREDENTIAL_ID).orElseThrow()
                .toLowerCase());
        assertThat(plan.description()).isNotBlank();
        assertThat(liveCredentialWorks()).isTrue();
    }

    @Test
    @DisplayName("issues a credential the service accepts, and the one in use keeps working")
    void issuesWithoutDisturbingTheCredentialInUse() {
        RotationPlan plan = provider().plan(liveVersion());

        IssuedCredential issued = provider().issue(plan, NOW.plus(Duration.ofDays(90)));

        assertThat(issued.credentialId()).isNotBlank().isNotEqualToIgnoringCase(plan.currentCredentialId());
        assertThat(accepts(issued)).isTrue();
        assertThat(liveCredentialWorks()).as("the credential the latest version holds").isTrue();
    }

    @Test
    @DisplayName("verifies the credential it issued")
    void verifiesWhatItIssued() {
        RotationPlan plan = provider().plan(liveVersion());
        IssuedCredential issued = provider().issue(plan, NOW.plus(Duration.ofDays(90)));

        provider().verify(plan, issued);

        assertThat(liveCredentialWorks()).isTrue();
    }

    @Test
    @DisplayName("refuses, as terminal, a secret with no ProviderAddress tag")
    void missingAddressIsTerminal() {
        Map<String, String> tags = new HashMap<>(liveVersion().tags());
        tags.remove(Tags.PROVIDER_ADDRESS);
        SecretVersion untargeted = new SecretVersion(liveVersion().ref(), liveVersion().version(), true,
                liveVersion().createdOn(), liveVersion().notBefore(), liveVersion().expiresOn(), null, tags);

        assertThatThrownBy(() -> provider().plan(untargeted)).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
            assertThat(e.failure().message()).contains(Tags.PROVIDER_ADDRESS);
        });
    }
}
