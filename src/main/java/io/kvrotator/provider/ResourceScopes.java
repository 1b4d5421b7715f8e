package io.kvrotator.provider;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The resource scope of every managed vault; a vault without one may rotate nothing. */
public record ResourceScopes(Map<String, ResourceScope> byVault) {

    public ResourceScopes {
        byVault = byVault.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    public ResourceScope forVault(String vault) {
        return byVault.getOrDefault(vault.toLowerCase(Locale.ROOT), ResourceScope.none(vault));
    }
}
