package io.kvrotator.testing;

import io.kvrotator.sandbox.Sandbox;
import java.time.Instant;
import java.util.UUID;

/** Key Vault events as Event Grid delivers them (Event Grid schema, PascalCase data, NBF/EXP as strings). */
public final class KeyVaultEvents {

    private KeyVaultEvents() {
    }

    public static String nearExpiry(String vault, String secret, String version, Instant expiresOn,
                                    Instant eventTime) {
        return event("Microsoft.KeyVault.SecretNearExpiry", UUID.randomUUID().toString(), vault, secret, version,
                expiresOn, eventTime);
    }

    public static String expired(String vault, String secret, String version, Instant expiresOn,
                                 Instant eventTime) {
        return event("Microsoft.KeyVault.SecretExpired", UUID.randomUUID().toString(), vault, secret, version,
                expiresOn, eventTime);
    }

    public static String event(String type, String id, String vault, String secret, String version,
                               Instant expiresOn, Instant eventTime) {
        return """
                {
                  "id": "%s",
                  "topic": "/subscriptions/%s/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/%s",
                  "subject": "%s",
                  "eventType": "%s",
                  "eventTime": "%s",
                  "data": {
                    "Id": "https://%s.vault.azure.net/secrets/%s/%s",
                    "VaultName": "%s",
                    "ObjectType": "Secret",
                    "ObjectName": "%s",
                    "Version": "%s",
                    "NBF": "%d",
                    "EXP": "%d"
                  },
                  "dataVersion": "1",
                  "metadataVersion": "1"
                }""".formatted(id, Sandbox.SUBSCRIPTION_ID, vault, secret, type, eventTime, vault, secret, version, vault, secret,
                version, expiresOn.minusSeconds(90L * 86400).getEpochSecond(), expiresOn.getEpochSecond());
    }
}
