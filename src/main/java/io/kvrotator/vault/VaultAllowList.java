package io.kvrotator.vault;

import io.kvrotator.support.LogText;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The vaults this app may act on (setting {@code ROTATOR_ALLOWED_VAULTS}); vault names compare case-insensitively. */
public final class VaultAllowList {

    private final Set<String> vaults;

    public VaultAllowList(Collection<String> vaults) {
        this.vaults = vaults.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    public Optional<String> problem(String vault) {
        if (vault != null && vaults.contains(vault.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("vault '" + LogText.printable(vault)
                + "' is not in the allow-list (setting ROTATOR_ALLOWED_VAULTS)");
    }

    public Set<String> vaults() {
        return vaults;
    }
}
