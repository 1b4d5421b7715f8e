package io.kvrotator.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    @Test
    @DisplayName("a type registered twice is an error at start-up")
    void duplicate() {
        assertThatThrownBy(() -> new ProviderRegistry(List.of(named("StorageAccountKey"), named("StorageAccountKey"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credential type 'StorageAccountKey' is registered twice");
    }

    @Test
    @DisplayName("an unknown type is a terminal failure that names the known types")
    void unknown() {
        ProviderRegistry registry = new ProviderRegistry(List.of(named("StorageAccountKey"), named("AppRegistrationSecret")));

        assertThatThrownBy(() -> registry.require("SqlPassword")).isInstanceOfSatisfying(RotationException.class, e -> {
            assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
            assertThat(e.failure().message()).isEqualTo("credential type 'SqlPassword' is not registered; known types:"
                    + " AppRegistrationSecret, StorageAccountKey");
        });
    }

    @Test
    @DisplayName("a known type is found by its exact name")
    void found() {
        CredentialProvider<RotationPlan> storage = named("StorageAccountKey");

        assertThat(new ProviderRegistry(List.of(storage)).require("StorageAccountKey")).isSameAs(storage);
    }

    private static CredentialProvider<RotationPlan> named(String type) {
        return new CredentialProvider<>() {
            @Override
            public String credentialType() {
                return type;
            }

            @Override
            public Duration defaultValidity() {
                return Duration.ofDays(1);
            }

            @Override
            public RotationPlan plan(SecretVersion current, SecretValue value, ResourceScope scope) {
                throw new UnsupportedOperationException();
            }

            @Override
            public IssuedCredential issue(RotationPlan plan, Instant expiresOn) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void verify(RotationPlan plan, IssuedCredential issued) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void invalidateAllBut(RotationPlan plan, String keepCredentialId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ProviderCredential> credentials(RotationPlan plan) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean stillAccepts(RotationPlan plan, SecretValue value) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
