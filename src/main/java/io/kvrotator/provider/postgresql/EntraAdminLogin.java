package io.kvrotator.provider.postgresql;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretValue;

/**
 * The function's managed identity, made a Microsoft Entra administrator of the server: the password is an access
 * token for Azure Database for PostgreSQL ({@code https://ossrdbms-aad.database.windows.net/.default}), and the
 * role is named as the administrator was created (the function app's name for its system-assigned identity).
 */
final class EntraAdminLogin implements AdminLogin {

    private final TokenCredential credential;
    private final String scope;
    private final String user;

    EntraAdminLogin(TokenCredential credential, String scope, String user) {
        this.credential = credential;
        this.scope = scope;
        this.user = user;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public SecretValue password() {
        try {
            return SecretValue.of(credential.getTokenSync(new TokenRequestContext().addScopes(scope)).getToken());
        } catch (RuntimeException e) {
            throw RotationException.retryable(Step.PLAN, "no Entra token for the PostgreSQL administrator " + user
                    + ": " + SafeErrorText.of(e));
        }
    }
}
