package io.kvrotator.provider.postgresql;

import io.kvrotator.vault.SecretValue;
import java.util.Optional;

/**
 * How kv-rotator logs in to a server as its administrative role: in Azure with an Entra token for its managed
 * identity ({@link EntraAdminLogin}), locally with a password kept in Key Vault ({@link VaultAdminLogin}). Never a
 * password from settings.
 */
interface AdminLogin {

    /** The administrative role's name on the server. */
    String user();

    /** What to send as the password now; fetched per use, so a token is never stale. */
    SecretValue password();

    /** Why the admin login cannot be used, when it cannot (a setting missing). */
    default Optional<String> notReady() {
        return Optional.empty();
    }

    static AdminLogin unavailable(String reason) {
        return new AdminLogin() {
            @Override
            public String user() {
                throw new IllegalStateException(reason);
            }

            @Override
            public SecretValue password() {
                throw new IllegalStateException(reason);
            }

            @Override
            public Optional<String> notReady() {
                return Optional.of(reason);
            }
        };
    }
}
