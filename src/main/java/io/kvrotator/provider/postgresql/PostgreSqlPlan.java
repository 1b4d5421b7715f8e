package io.kvrotator.provider.postgresql;

import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretVersion;

/**
 * A PostgreSQL alternating-users rotation: the server, the two logins, the one the latest value was proven to log in
 * as, the one that gets the new password, and the latest value (whose other fields the new value keeps).
 */
public record PostgreSqlPlan(SecretVersion current, PgServer server, PgLogins logins, String currentCredentialId,
                      String nextCredentialId, PgValue value) implements RotationPlan {

    @Override
    public String description() {
        String store = " and store it as " + value.format().tagValue();
        if (logins.single()) {
            return "set a new password on login " + nextCredentialId + " of server " + server + store + "; it is the"
                    + " only login (" + PgLogins.SINGLE_TAG + "=true), so consumers of the current version fail to"
                    + " log in until they read the new one";
        }
        return "set a new password on login " + nextCredentialId + " of server " + server + store + "; "
                + currentCredentialId + " stays in use until consumers read the new version";
    }
}
