package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.Lazy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The credential providers this app knows, by {@code CredentialType}. Registered explicitly, never scanned. */
public final class ProviderRegistry {

    private final Map<String, Supplier<CredentialProvider<?>>> byType;

    public ProviderRegistry(List<? extends CredentialProvider<?>> providers) {
        this(providers.stream().map(provider -> Map.<String, Supplier<CredentialProvider<?>>>entry(
                provider.credentialType(), () -> provider)));
    }

    private ProviderRegistry(Stream<Map.Entry<String, Supplier<CredentialProvider<?>>>> providers) {
        Map<String, Supplier<CredentialProvider<?>>> map = new TreeMap<>();
        for (Map.Entry<String, Supplier<CredentialProvider<?>>> provider : providers.toList()) {
            if (map.putIfAbsent(provider.getKey(), provider.getValue()) != null) {
                throw new IllegalStateException("credential type '" + provider.getKey() + "' is registered twice");
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    /**
     * The configured providers, each built on its first use: a cold worker loads the classes of the providers its
     * first invocation needs, not of all of them. Their settings were read and checked when they were configured.
     */
    public static ProviderRegistry builtOnFirstUse(List<ProviderFactory.Configured> providers,
                                                   ProviderContext context) {
        return new ProviderRegistry(providers.stream().map(configured -> Map.<String, Supplier<CredentialProvider<?>>>
                entry(configured.credentialType(), Lazy.of(() -> built(configured, context)))));
    }

    private static CredentialProvider<?> built(ProviderFactory.Configured configured, ProviderContext context) {
        CredentialProvider<?> provider = configured.build(context);
        if (!provider.credentialType().equals(configured.credentialType())) {
            throw new IllegalStateException("the provider configured for '" + configured.credentialType()
                    + "' rotates '" + provider.credentialType() + "'");
        }
        return provider;
    }

    public Set<String> types() {
        return byType.keySet();
    }

    public Optional<CredentialProvider<?>> find(String credentialType) {
        return Optional.ofNullable(byType.get(credentialType)).map(Supplier::get);
    }

    /** The provider for a type, or a terminal failure that names the known types. */
    public CredentialProvider<?> require(String credentialType) {
        return find(credentialType).orElseThrow(() -> {
            String hint = byType.keySet().stream().filter(type -> type.equalsIgnoreCase(credentialType))
                    .findFirst().map(type -> " (did you mean '" + type + "'? tag values are case-sensitive)")
                    .orElse("");
            return RotationException.terminal(Step.PLAN, "credential type '" + credentialType
                    + "' is not registered" + hint + "; known types: " + String.join(", ", byType.keySet()));
        });
    }
}
