package io.kvrotator.provider;

import io.kvrotator.vault.SecretValue;
import java.util.Optional;

/**
 * A service's connection string: built from one of a resource's keys for consumers that read a connection string,
 * and read back to the key it holds, so that planning can prove possession of it.
 */
public interface ConnectionStrings<R> {

    SecretValue build(R resource, String keyName, SecretValue key);

    /** The key in a connection string of this service; empty when the value is not one. */
    Optional<SecretValue> key(SecretValue connectionString);

    /**
     * The value of {@code name} among {@code separator}-separated {@code Name=Value} pairs (names compared ignoring
     * case; the value may itself contain '='), as most Azure connection strings are written.
     */
    static Optional<SecretValue> part(SecretValue connectionString, String separator, String name) {
        for (String pair : connectionString.reveal().split(separator)) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase(name)) {
                String value = pair.substring(equals + 1).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(SecretValue.of(value));
            }
        }
        return Optional.empty();
    }
}
