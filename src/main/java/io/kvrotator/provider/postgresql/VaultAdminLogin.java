package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.StoredSecret;

/**
 * For servers without Entra authentication (a local server): the administrative role's password, read from the Key
 * Vault secret {@code ROTATOR_POSTGRESQL_ADMIN_PASSWORD_SECRET} names, through the app's own secret store, on each
 * use. The setting holds the secret's name, never the password.
 */
final class VaultAdminLogin implements AdminLogin {

    private final SecretStore secrets;
    private final SecretRef secret;
    private final String user;

    VaultAdminLogin(SecretStore secrets, SecretRef secret, String user) {
        this.secrets = secrets;
        this.secret = secret;
        this.user = user;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public SecretValue password() {
        return secrets.read(secret, null).map(StoredSecret::value).orElseThrow(() -> RotationException.terminal(
                Step.PLAN, "the PostgreSQL administrator's password secret " + secret + " ("
                        + PostgreSqlAlternatingUsersFactory.ADMIN_PASSWORD_SECRET.key() + ") does not exist"));
    }
}
