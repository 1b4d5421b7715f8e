package io.kvrotator.provider.sas;

import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.Map;

/** A service's authorization rule keys management API (ARM {@code listKeys}, {@code regenerateKeys}). */
public interface SasRuleKeys {

    String PRIMARY = "PrimaryKey";
    String SECONDARY = "SecondaryKey";

    /** The rule's current keys by name: {@value #PRIMARY} and {@value #SECONDARY}. */
    Map<String, SecretValue> list(SasRule rule);

    /** Regenerates {@code keyName} ({@value #PRIMARY} or {@value #SECONDARY}) and returns its new value. */
    SecretValue regenerate(SasRule rule, String keyName);

    /** The keys a listKeys or regenerateKeys answer carries, by name; a missing or empty key is left out. */
    static Map<String, SecretValue> byName(String primaryKey, String secondaryKey) {
        Map<String, SecretValue> keys = new HashMap<>();
        if (primaryKey != null && !primaryKey.isEmpty()) {
            keys.put(PRIMARY, SecretValue.of(primaryKey));
        }
        if (secondaryKey != null && !secondaryKey.isEmpty()) {
            keys.put(SECONDARY, SecretValue.of(secondaryKey));
        }
        return keys;
    }
}
