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
                Arguments.of("missing version and no Id", withoutId(good)
                        .replace("\"Version\":\"0123456789abcdef0123456789abcdef\",", ""), "no Version"),
                Arguments.of("missing vault name and no Id", withoutId(good).replace("\"VaultName\":\"kv-dev-app\",", ""),
                        "no VaultName"),
                Arguments.of("missing secret name and no Id", withoutId(good)
                        .replace("\"ObjectName\":\"DB-PASSWORD\",", ""), "no ObjectName"),
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

    @Test
    @DisplayName("the Azure docs sample, with a stray space in the key \"objectName \" and in the version, parses")
    void publishedSampleWithStrayWhitespace() {
        // As published in MicrosoftDocs azure-docs articles/event-grid/event-schema-key-vault.md, with a type we handle.
        KeyVaultEvent event = accepted("""
                [{"id":"00eccf70-95a7-4e7c-8299-2eb17ee9ad64",
                  "topic":"/subscriptions/{subscription-id}/resourceGroups/sample-rg/providers/Microsoft.KeyVault/vaults/sample-kv",
                  "subject":"newsecret","eventType":"Microsoft.KeyVault.SecretNearExpiry",
                  "eventTime":"2019-07-25T01:08:33.1036736Z",
                  "data":{"Id":"https://sample-kv.vault.azure.net/secrets/newsecret/ee059b2bb5bc48398a53b168c6cdcb10",
                          "vaultName":"sample-kv","objectType":"Secret","objectName ":"newsecret",
                          "version":" ee059b2bb5bc48398a53b168c6cdcb10","nbf":"1559081980","exp":"1559082102"},
                  "dataVersion":"1","metadataVersion":"1"}]""");

        assertThat(event.secret().vault()).isEqualTo("sample-kv");
        assertThat(event.secret().name()).isEqualTo("newsecret");
        assertThat(event.version()).isEqualTo("ee059b2bb5bc48398a53b168c6cdcb10");
        assertThat(event.expiresOn()).isEqualTo(Instant.ofEpochSecond(1559082102L));
    }

    @Test
    @DisplayName("envelope and data keys match whatever their case and surrounding whitespace")
    void keysWithWhitespaceAndAnyCase() {
        KeyVaultEvent event = accepted(valid("Microsoft.KeyVault.SecretNearExpiry")
                .replace("\"eventType\"", "\" EVENTTYPE \"").replace("\"subject\"", "\"Subject\\t\"")
                .replace("\"VaultName\"", "\" vaultname\"").replace("\"ObjectName\"", "\"ObjectName \"")
                .replace("\"EXP\"", "\"exp \""));

        assertThat(event.type()).isEqualTo(KeyVaultEventType.SECRET_NEAR_EXPIRY);
        assertThat(event.secret().name()).isEqualTo("DB-PASSWORD");
        assertThat(event.expiresOn()).isEqualTo(Instant.ofEpochSecond(1800000000L));
    }

    @Test
    @DisplayName("with only data.Id, the vault, secret and version are derived from it")
    void idOnly() {
        KeyVaultEvent event = accepted(valid("Microsoft.KeyVault.SecretExpired")
                .replace("\"VaultName\":\"kv-dev-app\",", "").replace("\"ObjectName\":\"DB-PASSWORD\",", "")
                .replace("\"Version\":\"0123456789abcdef0123456789abcdef\",", ""));

        assertThat(event.secret().vault()).isEqualTo("kv-dev-app");
        assertThat(event.secret().name()).isEqualTo("DB-PASSWORD");
        assertThat(event.version()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    @DisplayName("a data.Id that spells the secret name in another case names the same secret, and is accepted")
    void idWithOtherCaseOfTheName() {
        KeyVaultEvent event = accepted(valid("Microsoft.KeyVault.SecretNearExpiry")
                .replace("/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef",
                        "/secrets/db-password/0123456789ABCDEF0123456789abcdef"));

        assertThat(event.secret().name()).isEqualToIgnoringCase("DB-PASSWORD");
        assertThat(event.version()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sovereignClouds")
    @DisplayName("a data.Id in a sovereign cloud's vault domain is a vault URL too")
    void sovereignCloudIds(String host) {
        KeyVaultEvent event = accepted(valid("Microsoft.KeyVault.SecretNearExpiry")
                .replace("kv-dev-app.vault.azure.net", "kv-dev-app." + host));

        assertThat(event.secret().vault()).isEqualTo("kv-dev-app");
    }

    static Stream<String> sovereignClouds() {
        return Stream.of("vault.azure.cn", "vault.usgovcloudapi.net", "vault.microsoftazure.de", "VAULT.AZURE.NET:443");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contradictions")
    @DisplayName("a data.Id that contradicts the other fields is rejected, saying which field")
    void contradictions(String why, String body, String reason) {
        assertThat(rejected(body)).contains(reason);
    }

    static Stream<Arguments> contradictions() {
        String good = valid("Microsoft.KeyVault.SecretNearExpiry");
        return Stream.of(
                Arguments.of("Id in another vault than VaultName", good.replace("https://kv-dev-app.vault",
                        "https://kv-prod-app.vault"), "data Id does not name the vault in VaultName: Id has 'kv-prod-app'"),
                Arguments.of("Id of another secret than ObjectName", good.replace("/secrets/DB-PASSWORD/",
                        "/secrets/OTHER-PASSWORD/"), "data Id does not name the secret in ObjectName"),
                Arguments.of("Id of another version than Version", good.replace("/0123456789abcdef0123456789abcdef\"",
                        "/fedcba9876543210fedcba9876543210\""), "data Id does not name the version in Version"),
                Arguments.of("Id only, in another vault than the topic", withoutFields(good).replace(
                        "https://kv-dev-app.vault", "https://kv-prod-app.vault"), "topic does not name vault 'kv-prod-app'"),
                Arguments.of("Id only, of another secret than the subject", withoutFields(good).replace(
                        "/secrets/DB-PASSWORD/", "/secrets/OTHER/"), "does not match the secret in data Id 'OTHER'"),
                Arguments.of("the same field twice with different values", good.replace("\"VaultName\":\"kv-dev-app\",",
                        "\"VaultName\":\"kv-dev-app\",\"VaultName \":\"kv-prod-app\","), "appears more than once"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notVaultUrls")
    @DisplayName("a data.Id that is not an https URL of a Key Vault secret version is rejected")
    void notVaultUrls(String id, String reason) {
        assertThat(rejected(valid("Microsoft.KeyVault.SecretNearExpiry").replace(
                "https://kv-dev-app.vault.azure.net/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef", id)))
                .contains(reason);
    }

    static Stream<Arguments> notVaultUrls() {
        String path = "/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef";
        String notAnId = "is not a Key Vault secret version URL";
        return Stream.of(
                Arguments.of("http://kv-dev-app.vault.azure.net" + path, notAnId),
                Arguments.of("https://kv-dev-app.evil.example" + path, notAnId),
                Arguments.of("https://kv-dev-app.vault.azure.net:8443" + path, notAnId),
                Arguments.of("https://user@kv-dev-app.vault.azure.net" + path, notAnId),
                Arguments.of("https://kv-dev-app.vault.azure.net" + path + "?x=1", notAnId),
                Arguments.of("https://kv-dev-app.vault.azure.net/keys/DB-PASSWORD/0123456789abcdef0123456789abcdef", notAnId),
                Arguments.of("https://kv-dev-app.vault.azure.net/secrets/DB-PASSWORD", notAnId),
                Arguments.of("https://kv-dev-app.vault.azure.net/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef/x", notAnId),
                Arguments.of("kv-dev-app", notAnId),
                Arguments.of("https://kv_dev.vault.azure.net" + path, notAnId),
                Arguments.of("https://kv--dev.vault.azure.net" + path, "data Id: vault name 'kv--dev' is not a valid Key Vault name"),
                Arguments.of("https://kv-dev-app.vault.azure.net/secrets/DB%2FPASSWORD/0123456789abcdef0123456789abcdef",
                        "not a valid Key Vault secret name"),
                Arguments.of("https://kv-dev-app.vault.azure.net/secrets/DB-PASSWORD/latest", "not 32 hexadecimal digits"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("outOfRangeEpochSeconds")
    @DisplayName("NBF or EXP beyond 1970 to 9999, or not whole seconds, is rejected instead of throwing")
    void outOfRangeEpochSeconds(String field, String json) {
        String body = valid("Microsoft.KeyVault.SecretNearExpiry")
                .replace("\"" + field + "\":\"" + (field.equals("NBF") ? "1700000000" : "1800000000") + "\"",
                        "\"" + field + "\":" + json);

        assertThat(rejected(body)).startsWith("field '" + field + "' is not epoch seconds");
    }

    static Stream<Arguments> outOfRangeEpochSeconds() {
        return Stream.of(
                Arguments.of("EXP", "1e18"), Arguments.of("NBF", "1e18"), Arguments.of("EXP", "99999999999999999"),
                Arguments.of("NBF", "99999999999999999999999999"), Arguments.of("EXP", "-5"), Arguments.of("NBF", "-1e3"),
                Arguments.of("EXP", "1.5"), Arguments.of("EXP", "1e400"), Arguments.of("EXP", "253402300800"),
                Arguments.of("EXP", "\"253402300800\""), Arguments.of("NBF", "\"-5\""),
                Arguments.of("EXP", "\"99999999999999999999999999999999\""), Arguments.of("EXP", "\"1e18\""));
    }

    @Test
    @DisplayName("the first and last second of the accepted range, and 1800000000.0, are epoch seconds")
    void epochSecondBounds() {
        String good = valid("Microsoft.KeyVault.SecretNearExpiry");

        assertThat(accepted(good.replace("\"NBF\":\"1700000000\"", "\"NBF\":0")).notBefore()).isEqualTo(Instant.EPOCH);
        assertThat(accepted(good.replace("\"EXP\":\"1800000000\"", "\"EXP\":253402300799")).expiresOn())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(accepted(good.replace("\"EXP\":\"1800000000\"", "\"EXP\":1800000000.0")).expiresOn())
                .isEqualTo(Instant.ofEpochSecond(1800000000L));
    }

    @Test
    @DisplayName("an event time beyond 9999 is rejected")
    void eventTimeBeyond9999() {
        assertThat(rejected(valid("Microsoft.KeyVault.SecretNearExpiry").replace("2026-11-01T00:00:00Z",
                "+10000-01-01T00:00:00Z"))).isEqualTo("eventTime is outside 1970 to 9999");
    }

    @Test
    @DisplayName("in a delivery, an element with an out-of-range EXP is rejected and the others are still accepted")
    void oneBadElementDoesNotSpoilTheDelivery() {
        String good = valid("Microsoft.KeyVault.SecretNearExpiry");
        String bad = good.replace("\"EXP\":\"1800000000\"", "\"EXP\":1e18");

        List<ParsedEvent> parsed = parser.parse("[" + good + "," + bad + "," + good + "]");

        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0)).isInstanceOf(ParsedEvent.Accepted.class);
        assertThat(parsed.get(1)).isInstanceOf(ParsedEvent.Rejected.class);
        assertThat(parsed.get(2)).isInstanceOf(ParsedEvent.Accepted.class);
    }

    private static String withoutId(String body) {
        return body.replaceAll("\"Id\":\"[^\"]*\",", "");
    }

    private static String withoutFields(String body) {
        return body.replace("\"VaultName\":\"kv-dev-app\",", "").replace("\"ObjectName\":\"DB-PASSWORD\",", "")
                .replace("\"Version\":\"0123456789abcdef0123456789abcdef\",", "");
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
