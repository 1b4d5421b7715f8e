package io.kvrotator.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.systemevents.KeyVaultSecretExpiredEventData;
import com.azure.messaging.eventgrid.systemevents.KeyVaultSecretNearExpiryEventData;
import com.azure.messaging.eventgrid.systemevents.KeyVaultSecretNewVersionCreatedEventData;
import io.kvrotator.testing.SharedContracts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A second source of truth beside the official samples ({@link SharedContracts}): Key Vault events made with the
 * Event Grid SDK's own models, in both schemas, go through our parser. And where the SDK's models and the published
 * payloads disagree, which is why the parser stays tolerant.
 */
class KeyVaultEventSdkModelsTest {

    private static final String VAULT = "kv-dev-payments";
    private static final String SECRET = "PAYMENTS-STORAGE-KEY";
    private static final String VERSION = "0123456789abcdef0123456789abcdef";
    private static final long NBF = 1_790_000_000L;
    private static final long EXP = 1_795_000_321L;
    private static final String TOPIC = "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de/resourceGroups/rg"
            + "/providers/Microsoft.KeyVault/vaults/" + VAULT;

    private final KeyVaultEventParser parser = new KeyVaultEventParser();

    @Test
    @DisplayName("a SecretNearExpiry event whose data the SDK's model wrote parses: names, version, and NBF/EXP to"
            + " within the SDK's Float rounding")
    void nearExpiryEventGridSchema() throws IOException {
        KeyVaultSecretNearExpiryEventData data = new KeyVaultSecretNearExpiryEventData().setId(secretId())
                .setVaultName(VAULT).setObjectType("Secret").setObjectName(SECRET).setVersion(VERSION)
                .setNbf((float) NBF).setExp((float) EXP);
        // EventGridEvent has no public wire form; its envelope is Event Grid's own, its data the SDK model's.
        String event = "[{\"id\":\"e1\",\"topic\":\"" + TOPIC + "\",\"subject\":\"" + SECRET + "\",\"eventType\":"
                + "\"Microsoft.KeyVault.SecretNearExpiry\",\"eventTime\":\"2026-11-22T07:00:01Z\",\"data\":"
                + data.toJsonString() + ",\"dataVersion\":\"1\",\"metadataVersion\":\"1\"}]";

        KeyVaultEvent parsed = accepted(event);

        assertThat(parsed.type()).isEqualTo(KeyVaultEventType.SECRET_NEAR_EXPIRY);
        assertThat(parsed.secret().vault()).isEqualTo(VAULT);
        assertThat(parsed.secret().name()).isEqualTo(SECRET);
        assertThat(parsed.version()).isEqualTo(VERSION);
        assertThat(Duration.between(Instant.ofEpochSecond(EXP), parsed.expiresOn()).abs())
                .isLessThanOrEqualTo(Duration.ofSeconds(128));
        assertThat(Duration.between(Instant.ofEpochSecond(NBF), parsed.notBefore()).abs())
                .isLessThanOrEqualTo(Duration.ofSeconds(128));
    }

    @Test
    @DisplayName("a SecretExpired CloudEvent written by the SDK parses")
    void expiredCloudEvent() throws IOException {
        KeyVaultSecretExpiredEventData data = new KeyVaultSecretExpiredEventData().setId(secretId())
                .setVaultName(VAULT).setObjectType("Secret").setObjectName(SECRET).setVersion(VERSION)
                .setNbf((float) NBF).setExp((float) EXP);
        CloudEvent event = new CloudEvent(TOPIC, "Microsoft.KeyVault.SecretExpired", BinaryData.fromObject(data),
                CloudEventDataFormat.JSON, "application/json").setSubject(SECRET)
                .setTime(OffsetDateTime.parse("2026-11-22T07:00:01Z"));

        KeyVaultEvent parsed = accepted("[" + event.toJsonString() + "]");

        assertThat(parsed.type()).isEqualTo(KeyVaultEventType.SECRET_EXPIRED);
        assertThat(parsed.secret().name()).isEqualTo(SECRET);
        assertThat(parsed.version()).isEqualTo(VERSION);
    }

    @Test
    @DisplayName("the SDK's models hold NBF/EXP as Float: they write 1.795E9-style numbers that are off by seconds,"
            + " and cannot read the official sample, whose NBF/EXP are strings")
    void sdkModelsDisagreeWithThePublishedPayloads() throws IOException {
        String written = new KeyVaultSecretNearExpiryEventData().setExp((float) EXP).toJsonString();

        assertThat(written).contains("\"EXP\":1.795");
        assertThat(Float.valueOf((float) EXP).longValue()).isNotEqualTo(EXP);

        String sample = SharedContracts.read("eventgrid-SecretNewVersionCreated-cloudevents.json");
        assertThat(sample).contains("\"NBF\": \"1559081980\"");
        BinaryData sampleData = CloudEvent.fromString(sample).get(0).getData();
        assertThatThrownBy(() -> sampleData.toObject(KeyVaultSecretNewVersionCreatedEventData.class))
                .hasMessageContaining("not numeric");
        assertThat(accepted(sample.replace("SecretNewVersionCreated", "SecretNearExpiry")).expiresOn())
                .isEqualTo(Instant.ofEpochSecond(1559082102L));
    }

    @Test
    @DisplayName("the SDK's models read PascalCase keys only: camelCase data, which our parser reads, leaves them"
            + " empty")
    void sdkModelsReadOneCasingOnly() {
        String camel = "{\"id\":\"" + secretId() + "\",\"vaultName\":\"" + VAULT + "\",\"objectType\":\"Secret\","
                + "\"objectName\":\"" + SECRET + "\",\"version\":\"" + VERSION + "\",\"nbf\":" + NBF + ",\"exp\":" + EXP
                + "}";

        KeyVaultSecretNearExpiryEventData model = BinaryData.fromString(camel)
                .toObject(KeyVaultSecretNearExpiryEventData.class);

        assertThat(model.getVaultName()).isNull();
        assertThat(model.getExp()).isNull();
        String event = "[{\"id\":\"e1\",\"topic\":\"" + TOPIC + "\",\"subject\":\"" + SECRET + "\",\"eventType\":"
                + "\"Microsoft.KeyVault.SecretNearExpiry\",\"eventTime\":\"2026-11-22T07:00:00Z\",\"data\":" + camel
                + ",\"dataVersion\":\"1\",\"metadataVersion\":\"1\"}]";
        assertThat(accepted(event).expiresOn()).isEqualTo(Instant.ofEpochSecond(EXP));
    }

    private static String secretId() {
        return "https://" + VAULT + ".vault.azure.net/secrets/" + SECRET + "/" + VERSION;
    }

    private KeyVaultEvent accepted(String body) {
        List<ParsedEvent> parsed = parser.parse(body);
        assertThat(parsed).singleElement().isInstanceOf(ParsedEvent.Accepted.class);
        return ((ParsedEvent.Accepted) parsed.get(0)).event();
    }
}
