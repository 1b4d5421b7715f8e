package io.kvrotator.accessreview;

import java.util.Locale;

/** Where a role assignment is made, relative to the vault it gives access to. */
public enum ScopeLevel {
    ROOT("the tenant root"),
    MANAGEMENT_GROUP("a management group"),
    SUBSCRIPTION("the subscription"),
    RESOURCE_GROUP("the resource group"),
    VAULT("the vault"),
    SECRET("one secret of the vault");

    private final String label;

    ScopeLevel(String label) {
        this.label = label;
    }

    /** The level of {@code scope} for the vault {@code vaultId}, both ARM IDs; compared without regard to case. */
    public static ScopeLevel of(String scope, String vaultId) {
        String s = scope == null ? "/" : scope.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        String vault = vaultId.toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return ROOT;
        }
        if (s.startsWith("/providers/microsoft.management/managementgroups/")) {
            return MANAGEMENT_GROUP;
        }
        if (s.equals(vault)) {
            return VAULT;
        }
        if (s.startsWith(vault + "/")) {
            return SECRET;
        }
        return s.contains("/resourcegroups/") ? RESOURCE_GROUP : SUBSCRIPTION;
    }

    /** Made above the vault: it reaches the vault by inheritance, and whoever manages that scope controls it. */
    public boolean inherited() {
        return ordinal() < VAULT.ordinal();
    }

    public String label() {
        return label;
    }
}
