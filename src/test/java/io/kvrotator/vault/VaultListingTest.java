package io.kvrotator.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.testing.SharedContracts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One Key Vault list page read in one streaming pass, and which next pages the listing follows. */
class VaultListingTest {

    private static final String WHAT = "the secrets list of vault myvault";
    private static final List<String> SECRETS = VaultListing.itemPaths("https://myvault.vault.azure.net",
            VaultCollection.SECRETS);

    @Test
    @DisplayName("Key Vault's documented list page reads as its entry and its next page, and that nextLink, which"
            + " spells out :443, is this vault's (the certificate list refused it as another host's)")
    void documentedPage() throws Exception {
        JsonNode example = new ObjectMapper().readTree(SharedContracts.read("keyvault-getSecretVersions-example.json"));
        JsonNode body = example.path("responses").path("200").path("body");

        ListPage page = ListPage.parse(body.toString().getBytes(StandardCharsets.UTF_8), SECRETS,
                WHAT);

        assertThat(page.items()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("listsecretversionstest");
            assertThat(item.enabled()).isTrue();
            assertThat(item.createdOn()).isEqualTo(Instant.ofEpochSecond(1481851699));
            assertThat(item.expiresOn()).isNull();
            assertThat(item.tags()).isEmpty();
        });
        assertThat(page.nextLink()).isEqualTo(body.path("nextLink").asText()).contains(":443/");
        assertThat(VaultListing.sameVault(page.nextLink(), "https://myvault.vault.azure.net")).isTrue();
    }

    @Test
    @DisplayName("an entry's attributes, tags, content type and managed flag are read; fields it does not know,"
            + " nested or not, are skipped")
    void entryFields() {
        String body = """
                {"value": [
                  {"id": "https://kv-a.vault.azure.net/secrets/db-password", "contentType": "text/plain",
                   "attributes": {"enabled": false, "nbf": 1700000000, "exp": 1800000000, "created": 1690000000,
                                  "updated": 1690000001, "recoveryLevel": "Recoverable", "recoverableDays": 90},
                   "tags": {"Owner": "team@contoso.com", "CredentialType": "StorageAccountKey"},
                   "future": {"nested": [1, {"deeper": true}]}},
                  {"id": "https://kv-a.vault.azure.net/secrets/web-cert", "managed": true, "attributes": {}}
                ], "nextLink": null, "odata.extra": [1, 2]}""";

        ListPage page = ListPage.parse(body.getBytes(StandardCharsets.UTF_8), SECRETS, WHAT);

        assertThat(page.nextLink()).isNull();
        assertThat(page.items()).containsExactly(
                new ListedItem("db-password", false, Instant.ofEpochSecond(1690000000),
                        Instant.ofEpochSecond(1700000000), Instant.ofEpochSecond(1800000000), "text/plain", false,
                        Map.of("Owner", "team@contoso.com", "CredentialType", "StorageAccountKey")),
                new ListedItem("web-cert", true, null, null, null, null, true, Map.of()));
    }

    @Test
    @DisplayName("a name is the segment after the collection in Key Vault's own IDs, or after a path-style"
            + " (loopback) vault's path and the collection, whatever the vault or the item is called; a version after"
            + " it is ignored")
    void names() {
        String body = """
                {"value": [{"id": "https://certificates.vault.azure.net/certificates/web-tls"},
                           {"id": "https://127.0.0.1:8443/certificates/certificates/api-tls"},
                           {"id": "https://127.0.0.1:8443/certificates/Certificates/certificates/0123abcd"}]}""";

        assertThat(ListPage.parse(body.getBytes(StandardCharsets.UTF_8),
                VaultListing.itemPaths("https://127.0.0.1:8443/certificates", VaultCollection.CERTIFICATES), WHAT)
                .items())
                .extracting(ListedItem::name).containsExactly("web-tls", "api-tls", "certificates");
    }

    @Test
    @DisplayName("a query or fragment after the name is not part of it, and an ID's scheme, host and collection are"
            + " matched in any case")
    void namesBeforeAQuery() {
        String body = """
                {"value": [{"id": "https://kv-a.vault.azure.net/secrets/db?api-version=7.5"},
                           {"id": "HTTPS://KV-A.VAULT.AZURE.NET:443/Secrets/api#x"}]}""";

        assertThat(ListPage.parse(body.getBytes(StandardCharsets.UTF_8), SECRETS, WHAT).items())
                .extracting(ListedItem::name).containsExactly("db", "api");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://kv-a.vault.azure.net/secrets?$skiptoken=abc",
            "https://kv-a.vault.azure.net:443/secrets?$skiptoken=abc",
            "https://KV-A.vault.azure.net/secrets?$skiptoken=abc"})
    @DisplayName("a next page on the vault's host and port is followed")
    void followsThisVault(String link) {
        assertThat(VaultListing.sameVault(link, "https://kv-a.vault.azure.net")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://kv-b.vault.azure.net/secrets?$skiptoken=abc",
            "https://kv-a.vault.azure.net.attacker.example/secrets",
            "https://kv-a.vault.azure.net:443@attacker.example/secrets",
            "http://kv-a.vault.azure.net/secrets",
            "https://kv-a.vault.azure.net:8443/secrets",
            "/secrets?$skiptoken=abc",
            "not a url at all"})
    @DisplayName("a next page anywhere else is not followed: the bearer token goes to this vault only")
    void refusesOtherHosts(String link) {
        assertThat(VaultListing.sameVault(link, "https://kv-a.vault.azure.net")).isFalse();
    }

    @Test
    @DisplayName("in a path-style vault, a next page must be under this vault's path, not a vault whose name"
            + " starts with it")
    void pathStyleVault() {
        assertThat(VaultListing.sameVault("https://127.0.0.1:8443/kv-a/secrets?x=1", "https://127.0.0.1:8443/kv-a"))
                .isTrue();
        assertThat(VaultListing.sameVault("https://127.0.0.1:8443/kv-ab/secrets", "https://127.0.0.1:8443/kv-a"))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\", \"attributes\": {\"exp\": \"soon\"}} ]}",
            "{\"value\": {\"id\": \"https://kv/secrets/a\"}}",
            "{\"value\": [ \"https://kv/secrets/a\" ]}",
            "{\"value\": [ {\"attributes\": {}} ]}",
            "{\"value\": [ {\"id\": \"https://kv/keys/a\"} ]}",
            "{\"value\": [ {\"id\": \"https://kv/other/secrets/a\"} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/\"} ]}",
            "{\"value\": [ {\"id\": \"not a url\"} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a b\"} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a%2Fb\"} ]}",
            "{\"value\": [ {\"id\": \"https://kv?/secrets/a\"} ]}",
            "{\"value\": [ {\"id\": \"https:///secrets\"} ]}",
            "{\"value\": [ {\"id\": \"//kv/secrets/a\"} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\", \"tags\": [\"Owner\"]} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\", \"tags\": {\"Owner\": 7}} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\", \"tags\": {\"Owner\": null}} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\", \"managed\": {\"id\": \"https://kv/secrets/b\"}} ]}",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\", \"attributes\": {\"enabled\": \"no\"}} ]}",
            "{\"value\": [], \"nextLink\": 7}",
            "{\"nextLink\": null}",
            "[]",
            "{\"value\": [ {\"id\": \"https://kv/secrets/a\" ",
            "<html>Service Unavailable: s3cr3t-in-the-body</html>",
            ""})
    @DisplayName("a page not in Key Vault's shape is a clear error naming the list, which does not echo the body")
    void malformedPage(String body) {
        assertThatThrownBy(() -> ListPage.parse(body.getBytes(StandardCharsets.UTF_8), SECRETS, WHAT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(WHAT + " is not")
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();
    }
}
