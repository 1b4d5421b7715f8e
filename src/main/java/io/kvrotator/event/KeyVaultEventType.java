package io.kvrotator.event;

import java.util.Arrays;
import java.util.Optional;

/** The Key Vault secret events kv-rotator acts on. */
public enum KeyVaultEventType {
    SECRET_NEAR_EXPIRY("Microsoft.KeyVault.SecretNearExpiry"),
    SECRET_EXPIRED("Microsoft.KeyVault.SecretExpired");

    private final String wireName;

    KeyVaultEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The short name used in audit tags and notices, e.g. {@code SecretNearExpiry}. */
    public String shortName() {
        return wireName.substring(wireName.lastIndexOf('.') + 1);
    }

    /** Event Grid matches event types case-insensitively, and so do we. */
    public static Optional<KeyVaultEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
