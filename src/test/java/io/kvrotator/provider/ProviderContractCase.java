package io.kvrotator.provider;

import io.kvrotator.app.Settings;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One provider under the shared contract: a sandbox with a live credential at the fixture's stand-ins, and the
 * provider built by its registered factory from the sandbox's app settings, as the app builds it.
 */
final class ProviderContractCase implements AutoCloseable {

    static final Instant NOW = SandboxTest.START;
    static final String VAULT = "kv-dev-contract";

    final Sandbox sandbox = Sandbox.start(new MutableClock(NOW));
    final ProviderFixture.Live live;
    final CredentialProvider<RotationPlan> provider;

    @SuppressWarnings("unchecked")
    ProviderContractCase(ProviderFixture fixture) {
        live = fixture.createLive(sandbox, "contract-" + fixture.credentialType().toLowerCase());
        Settings settings = Settings.from(sandbox.appSettings(VAULT));
        ProviderContext context = sandbox.providerContext(settings);
        provider = (CredentialProvider<RotationPlan>) settings.providers().stream()
                .filter(configured -> configured.credentialType().equals(fixture.credentialType()))
                .findFirst().orElseThrow().build(context);
    }

    SecretValue liveValue() {
        return SecretValue.of(live.value());
    }

    ResourceScope scope() {
        return live.scope(VAULT);
    }

    /** A version holding the live credential, with {@code replaced} tags over the live ones (null removes one). */
    SecretVersion version(Map<String, String> replaced) {
        Map<String, String> tags = new HashMap<>(live.tags());
        replaced.forEach((name, value) -> {
            if (value == null) {
                tags.remove(name);
            } else {
                tags.put(name, value);
            }
        });
        return new SecretVersion(new SecretRef(VAULT, "CONTRACT-SECRET"), "0123456789abcdef0123456789abcdef", true,
                NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)), null,
                tags);
    }

    SecretVersion liveVersion() {
        return version(Map.of());
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
