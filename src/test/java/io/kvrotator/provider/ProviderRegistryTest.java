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
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    @DisplayName("configured providers are built on first use, once each, and only those used")
    void builtOnFirstUse() {
        AtomicInteger storageBuilt = new AtomicInteger();
        AtomicInteger appBuilt = new AtomicInteger();
        CredentialProvider<RotationPlan> storage = named("StorageAccountKey");
        ProviderRegistry registry = ProviderRegistry.builtOnFirstUse(List.of(
                configured("StorageAccountKey", storageBuilt, storage),
                configured("AppRegistrationSecret", appBuilt, named("AppRegistrationSecret"))), null);

        assertThat(registry.types()).containsExactly("AppRegistrationSecret", "StorageAccountKey");
        assertThat(storageBuilt).hasValue(0);
        assertThat(registry.require("StorageAccountKey")).isSameAs(storage);
        assertThat(registry.require("StorageAccountKey")).isSameAs(storage);
        assertThat(registry.find("SqlPassword")).isEmpty();
        assertThat(storageBuilt).hasValue(1);
        assertThat(appBuilt).hasValue(0);
    }

    @Test
    @DisplayName("a configured provider that builds a provider of another type fails on use, naming both")
    void builtForAnotherType() {
        ProviderRegistry registry = ProviderRegistry.builtOnFirstUse(List.of(configured("StorageAccountKey",
                new AtomicInteger(), named("AppRegistrationSecret"))), null);

        assertThatThrownBy(() -> registry.require("StorageAccountKey")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the provider configured for 'StorageAccountKey' rotates 'AppRegistrationSecret'");
    }

    @Test
    @DisplayName("a type configured twice is an error at start-up, before anything is built")
    void configuredTwice() {
        AtomicInteger built = new AtomicInteger();
        assertThatThrownBy(() -> ProviderRegistry.builtOnFirstUse(List.of(
                configured("StorageAccountKey", built, named("StorageAccountKey")),
                configured("StorageAccountKey", built, named("StorageAccountKey"))), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credential type 'StorageAccountKey' is registered twice");
        assertThat(built).hasValue(0);
    }

    /** Built from no context: these providers need none. */
    private static ProviderFactory.Configured configured(String type, AtomicInteger builds,
                                                         CredentialProvider<?> provider) {
        return new ProviderFactory.Configured(type, null, Duration.ofDays(1), context -> {
            builds.incrementAndGet();
            return provider;
        });
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
