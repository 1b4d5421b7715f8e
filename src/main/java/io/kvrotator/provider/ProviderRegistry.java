package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The credential providers this app knows, by {@code CredentialType}. Registered explicitly, never scanned. */
public final class ProviderRegistry {

    private final Map<String, CredentialProvider<?>> byType;

    public ProviderRegistry(List<? extends CredentialProvider<?>> providers) {
        Map<String, CredentialProvider<?>> map = new TreeMap<>();
        for (CredentialProvider<?> provider : providers) {
            if (map.putIfAbsent(provider.credentialType(), provider) != null) {
                throw new IllegalStateException("credential type '" + provider.credentialType()
                        + "' is registered twice");
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    public Set<String> types() {
        return byType.keySet();
    }

    public Optional<CredentialProvider<?>> find(String credentialType) {
        return Optional.ofNullable(byType.get(credentialType));
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
