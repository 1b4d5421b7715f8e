package io.kvrotator.provider.containerregistry;

import io.kvrotator.vault.SecretValue;
import java.util.Map;

/**
 * A registry's admin user as {@code listCredentials} returns it: the user name (the registry's name) and its two
 * passwords by name ({@code password}, {@code password2}).
 */
public record AdminCredentials(String username, Map<String, SecretValue> passwords) {

    public AdminCredentials {
        passwords = Map.copyOf(passwords);
    }

    @Override
    public String toString() {
        return "AdminCredentials[username=" + username + ", passwords=" + passwords.keySet() + "]";
    }
}
