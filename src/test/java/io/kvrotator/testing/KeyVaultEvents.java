package io.kvrotator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/** Key Vault events as Event Grid delivers them (Event Grid schema, PascalCase data, NBF/EXP as strings). */
public final class KeyVaultEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyVaultEvents() {
    }

    /**
     * A dead-letter blob's content, as Event Grid writes it after giving up on {@code events}: a JSON array of them,
     * each with the dead-letter properties added (src/test/resources/deadletter has a sample).
     */
    public static String deadLettered(String... events) {
        ArrayNode blob = JSON.createArrayNode();
        for (String event : events) {
            try {
                ObjectNode deadLetter = (ObjectNode) JSON.readTree(event);
                deadLetter.put("deadLetterReason", "MaxDeliveryAttemptsExceeded").put("deliveryAttempts", 30)
                        .put("lastDeliveryOutcome", "TimedOut").put("publishTime", "2026-11-21T07:00:01.5230000Z")
                        .put("lastDeliveryAttemptTime", "2026-11-22T06:40:12.8810000Z");
                blob.add(deadLetter);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return blob.toString();
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
