package io.kvrotator.provider.postgresql;

import io.kvrotator.support.LogText;
import io.kvrotator.support.SettingJson;
import io.kvrotator.vault.KeyVaultNames;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Setting {@code ROTATOR_POSTGRESQL_LOCAL_HOSTS}: which vaults' secrets may name a PostgreSQL server by a plain
 * {@code host:port} instead of a resource ID, for local runs. {@code ROTATOR_RESOURCE_SCOPES} speaks of Azure
 * resources only, so this is a plain host's scope: a host is in the scope of exactly the vaults that list it here,
 * and unset (as in Azure) no secret may name a plain host at all.
 */
final class LocalHosts {

    private final Map<String, Set<HostPort>> byVault;

    private LocalHosts(Map<String, Set<HostPort>> byVault) {
        this.byVault = byVault;
    }

    static LocalHosts none() {
        return new LocalHosts(Map.of());
    }

    /** Parses {@code {"vault": ["host:port", ...]}}; each problem goes to {@code problems}. */
    static LocalHosts parse(String json, Consumer<String> problems) {
        if (json == null || json.isBlank()) {
            return none();
        }
        Optional<Map<String, Object>> root = SettingJson.object(json);
        if (root.isEmpty()) {
            problems.accept("must be a JSON object from vault name to a list of host:port, e.g."
                    + " {\"kv-dev-app\": [\"127.0.0.1:5432\"]}");
            return none();
        }
        Map<String, Set<HostPort>> byVault = new java.util.HashMap<>();
        root.get().entrySet().forEach(entry -> {
            KeyVaultNames.vaultNameProblem(entry.getKey())
                    .ifPresent(problem -> problems.accept("names an invalid vault: " + problem));
            Set<HostPort> hosts = new HashSet<>();
            if (!(entry.getValue() instanceof List<?> list)) {
                problems.accept("must give vault '" + LogText.printable(entry.getKey()) + "' a list of host:port");
            } else {
                list.stream().map(SettingJson::text).forEach(host -> HostPort.parse(host).ifPresentOrElse(hosts::add,
                        () -> problems.accept("holds '" + LogText.printable(host) + "', which is not host:port")));
            }
            byVault.put(entry.getKey().toLowerCase(Locale.ROOT), Set.copyOf(hosts));
        });
        return new LocalHosts(Map.copyOf(byVault));
    }

    boolean permits(String vault, HostPort host) {
        return byVault.getOrDefault(vault.toLowerCase(Locale.ROOT), Set.of()).contains(host);
    }

    @Override
    public String toString() {
        return byVault.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
