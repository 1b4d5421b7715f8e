package io.kvrotator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.testing.SharedContracts;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyVaultEventParserTest {

    private final KeyVaultEventParser parser = new KeyVaultEventParser();

    @Test
    @DisplayName("the official Event Grid schema sample parses once its type is one we handle")
    void eventGridSchemaContract() {
        String sample = SharedContracts.read("eventgrid-SecretNewVersionCreated-eventgridschema.json");

        KeyVaultEvent event = accepted(sample.replace("SecretNewVersionCreated", "SecretNearExpiry"));

        assertThat(event.id()).isEqualTo("00eccf70-95a7-4e7c-8299-2eb17ee9ad64");
        assertThat(event.type()).isEqualTo(KeyVaultEventType.SECRET_NEAR_EXPIRY);
        assertThat(event.secret().vault()).isEqualTo("sample-kv");
        assertThat(event.secret().name()).isEqualTo("newsecret");
        assertThat(event.version()).isEqualTo("ee059b2bb5bc48398a53b168c6cdcb10");
        assertThat(event.notBefore()).isEqualTo(Instant.ofEpochSecond(1559081980L));
        assertThat(event.expiresOn()).as("exact, unlike the SDK's Float mapping").isEqualTo(Instant.ofEpochSecond(1559082102L));
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2019-07-25T01:08:33.1036736Z"));
    }

    @Test
    @DisplayName("the official CloudEvents 1.0 sample parses once its type is one we handle")
    void cloudEventsContract() {
        String sample = SharedContracts.read("eventgrid-SecretNewVersionCreated-cloudevents.json");

        KeyVaultEvent event = accepted(sample.replace("SecretNewVersionCreated", "SecretExpired"));

        assertThat(event.type()).isEqualTo(KeyVaultEventType.SECRET_EXPIRED);
        assertThat(event.secret().vault()).isEqualTo("sample-kv");
        assertThat(event.version()).isEqualTo("ee059b2bb5bc48398a53b168c6cdcb10");
        assertThat(event.expiresOn()).isEqualTo(Instant.ofEpochSecond(1559082102L));
    }

    @ParameterizedTest(name = "{0} is rejected: {1}")
    @MethodSource("contractPayloadsWeDoNotHandle")
    @DisplayName("contract payloads that are not near-expiry or expired secret events are rejected with a reason")
    void contractPayloadsRejected(String file, String reason) {
        assertThat(rejected(SharedContracts.read(file))).contains(reason);
    }

    static Stream<Arguments> contractPayloadsWeDoNotHandle() {
        return Stream.of(
                Arguments.of("eventgrid-SecretNewVersionCreated-eventgridschema.json", "not one kv-rotator handles"),
                Arguments.of("eventgrid-SecretNewVersionCreated-cloudevents.json", "not one kv-rotator handles"),
                Arguments.of("eventgrid-deadletter-event-eventgridschema.json", "Microsoft.Storage.BlobCreated"),
                Arguments.of("eventgrid-keyvault-eventsubscription-arm.json", "event has no id"));
    }

    @Test
    @DisplayName("camelCase data keys and numeric NBF/EXP (the 2018 schema) parse like PascalCase strings")
    void camelCaseAndNumbers() {
        KeyVaultEvent event = accepted("""
                {"id":"1","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-dev-app",
                 "subject":"DB-PASSWORD","eventType":"Microsoft.KeyVault.SecretNearExpiry",
                 "eventTime":"2026-11-01T00:00:00Z","dataVersion":"1","metadataVersion":"1",
                 "data":{"id":"https://kv-dev-app.vault.azure.net/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef",
                         "vaultName":"kv-dev-app","objectType":"Secret","objectName":"DB-PASSWORD",
                         "version":"0123456789abcdef0123456789abcdef","nbf":1700000000,"exp":1800000000}}""");

        assertThat(event.secret().name()).isEqualTo("DB-PASSWORD");
        assertThat(event.notBefore()).isEqualTo(Instant.ofEpochSecond(1700000000L));
        assertThat(event.expiresOn()).isEqualTo(Instant.ofEpochSecond(1800000000L));
    }

    @Test
    @DisplayName("an array delivery yields one result per event, good and bad alike")
    void arrayDelivery() {
        String good = valid("Microsoft.KeyVault.SecretNearExpiry");
        List<ParsedEvent> parsed = parser.parse("[" + good + ",{\"id\":\"2\"}," + good + "]");

        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0)).isInstanceOf(ParsedEvent.Accepted.class);
        assertThat(parsed.get(1)).isInstanceOf(ParsedEvent.Rejected.class);
        assertThat(parsed.get(2)).isInstanceOf(ParsedEvent.Accepted.class);
    }

    @Test
    @DisplayName("event types match case-insensitively, as Event Grid filters do")
    void eventTypeCasing() {
        assertThat(accepted(valid("microsoft.keyvault.secretnearexpiry")).type())
                .isEqualTo(KeyVaultEventType.SECRET_NEAR_EXPIRY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusablePayloads")
    @DisplayName("unusable payloads are rejected with a reason that says what is wrong")
    void unusable(String why, String body, String reason) {
        assertThat(rejected(body)).contains(reason);
    }

    static Stream<Arguments> unusablePayloads() {
        String good = valid("Microsoft.KeyVault.SecretNearExpiry");
        return Stream.of(
                Arguments.of("empty body", "", "body is empty"),
                Arguments.of("truncated JSON", good.substring(0, 60), "not valid JSON"),
                Arguments.of("JSON that is not an object", "42", "not a JSON object"),
                Arguments.of("empty array", "[]", "empty array"),
                Arguments.of("oversize body", "[" + "\"x\",".repeat(300_000) + "\"x\"]", "larger than"),
                Arguments.of("unknown event type", valid("Microsoft.KeyVault.SecretNewVersionCreated"),
                        "not one kv-rotator handles"),
                Arguments.of("a key, not a secret", good.replace("\"Secret\"", "\"Key\""), "is not a secret"),
                Arguments.of("a certificate, not a secret", good.replace("\"Secret\"", "\"Certificate\""),
                        "is not a secret"),
                Arguments.of("missing data", good.replaceAll(",\\s*\"data\":\\{[^}]*}", ""), "no data"),
                Arguments.of("missing version", good.replace("\"Version\":\"0123456789abcdef0123456789abcdef\",", ""),
                        "no Version"),
                Arguments.of("version is not 32 hex digits", good.replace("\"Version\":\"0123456789abcdef0123456789abcdef\"",
                        "\"Version\":\"../../x\""), "not 32 hexadecimal digits"),
                Arguments.of("secret name with path traversal", good.replace("\"ObjectName\":\"DB-PASSWORD\"",
                        "\"ObjectName\":\"../admin\""), "not a valid Key Vault secret name"),
                Arguments.of("vault name that is a URL trick", good.replace("\"VaultName\":\"kv-dev-app\"",
                        "\"VaultName\":\"evil.com#\""), "not a valid Key Vault name"),
                Arguments.of("topic names another vault", good.replace("vaults/kv-dev-app", "vaults/kv-prod-app"),
                        "does not name vault"),
                Arguments.of("subject names another secret", good.replace("\"subject\":\"DB-PASSWORD\"",
                        "\"subject\":\"OTHER\""), "does not match ObjectName"),
                Arguments.of("EXP is not epoch seconds", good.replace("\"EXP\":\"1800000000\"", "\"EXP\":\"soon\""),
                        "not epoch seconds"),
                Arguments.of("VaultName is a number", good.replace("\"VaultName\":\"kv-dev-app\"", "\"VaultName\":7"),
                        "not a string"),
                Arguments.of("event time is not ISO-8601", good.replace("2026-11-01T00:00:00Z", "yesterday"),
                        "not an ISO-8601 instant"),
                Arguments.of("no id", good.replace("\"id\":\"evt-1\",", ""), "no id"));
    }

    static String valid(String type) {
        return """
                {"id":"evt-1","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-dev-app","subject":"DB-PASSWORD","eventType":"%s","eventTime":"2026-11-01T00:00:00Z","data":{"Id":"https://kv-dev-app.vault.azure.net/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef","VaultName":"kv-dev-app","ObjectType":"Secret","ObjectName":"DB-PASSWORD","Version":"0123456789abcdef0123456789abcdef","NBF":"1700000000","EXP":"1800000000"},"dataVersion":"1","metadataVersion":"1"}"""
                .formatted(type);
    }

    private KeyVaultEvent accepted(String body) {
        List<ParsedEvent> parsed = parser.parse(body);
        assertThat(parsed).singleElement().isInstanceOf(ParsedEvent.Accepted.class);
        return ((ParsedEvent.Accepted) parsed.get(0)).event();
    }

    private String rejected(String body) {
        List<ParsedEvent> parsed = parser.parse(body);
        assertThat(parsed).singleElement().isInstanceOf(ParsedEvent.Rejected.class);
        return ((ParsedEvent.Rejected) parsed.get(0)).reason();
    }
}
