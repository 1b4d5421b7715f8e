package io.kvrotator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.sweep.ExpiryItem;
import io.kvrotator.sweep.ExpiryReport;
import io.kvrotator.sweep.ItemKind;
import io.kvrotator.sweep.PolicyGap;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExpiryReportJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AS_OF = Instant.parse("2026-11-29T07:00:00Z");
    private static final String STORAGE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/"
            + "providers/Microsoft.Storage/storageAccounts/stpayments";

    @Test
    @DisplayName("the report's body: expiring items soonest first with days left, unreadable sources, policy gaps and"
            + " the managed-identity candidates, with nulls, escapes and non-ASCII text as JSON writes them")
    void body() throws Exception {
        ExpiryItem storageKey = secret("PAYMENTS-STORAGE-KEY", Duration.ofDays(3), "StorageAccountKey",
                Map.of("ProviderAddress", STORAGE), List.of("payments@contoso.com", "teams:payments-ops"));
        ExpiryItem noExpiry = new ExpiryItem("app-registrations", ItemKind.APP_PASSWORD, "object-1/key-1", "client-1",
                "Payroll \"prod\" / deploy", null, List.of("mallory@evil.example"), null, null);
        ExpiryItem laterCandidate = secret("LATER-STORAGE-KEY", Duration.ofDays(200), "StorageAccountKey",
                Map.of("ProviderAddress", STORAGE + "/blobServices/default"), List.of());
        ExpiryItem certificate = new ExpiryItem("vault-kv-dev-payments", ItemKind.CERTIFICATE, "web-tls",
                "kv-dev-payments", "web-tls", AS_OF.minus(Duration.ofDays(1)), List.of("Zoë <zoe@contoso.com>"), null,
                null);
        ExpiryReport report = new ExpiryReport(AS_OF, List.of(storageKey, noExpiry, laterCandidate, certificate),
                List.of(new ExpiryReport.UnreadableSource("vault-kv-dev-hr", "403 \"Forbidden\"\nno list permission")),
                List.of(new PolicyGap.RecipientOutsideDomains(noExpiry, "mallory@evil.example")));

        String body = ExpiryReportJson.of(report, 30);

        JsonNode expected = JSON.readTree("""
                {"asOf": "2026-11-29T07:00:00Z", "withinDays": 30, "complete": false,
                 "unreadable": [{"scope": "vault-kv-dev-hr", "error": "403 \\"Forbidden\\"\\nno list permission"}],
                 "items": [
                   {"kind": "certificate", "location": "kv-dev-payments", "name": "web-tls", "credentialType": null,
                    "rotatedAutomatically": false, "owners": ["Zoë <zoe@contoso.com>"],
                    "expiresOn": "2026-11-28T07:00:00Z", "daysLeft": -1},
                   {"kind": "secret", "location": "kv-dev-payments", "name": "PAYMENTS-STORAGE-KEY",
                    "credentialType": "StorageAccountKey", "rotatedAutomatically": true,
                    "owners": ["payments@contoso.com", "teams:payments-ops"], "managedIdentity": %s,
                    "expiresOn": "2026-12-02T07:00:00Z", "daysLeft": 3}],
                 "policyGaps": [
                   {"kind": "app password", "location": "client-1", "name": "Payroll \\"prod\\" / deploy",
                    "credentialType": null, "rotatedAutomatically": false, "owners": ["mallory@evil.example"],
                    "gap": "no expiry set"},
                   {"kind": "app password", "location": "client-1", "name": "Payroll \\"prod\\" / deploy",
                    "credentialType": null, "rotatedAutomatically": false, "owners": ["mallory@evil.example"],
                    "gap": "recipient outside allowed domains: mallory@evil.example"}],
                 "managedIdentityCandidates": [
                   {"kind": "secret", "location": "kv-dev-payments", "name": "PAYMENTS-STORAGE-KEY",
                    "credentialType": "StorageAccountKey", "rotatedAutomatically": true,
                    "owners": ["payments@contoso.com", "teams:payments-ops"], "managedIdentity": %s,
                    "expiresOn": "2026-12-02T07:00:00Z"},
                   {"kind": "secret", "location": "kv-dev-payments", "name": "LATER-STORAGE-KEY",
                    "credentialType": "StorageAccountKey", "rotatedAutomatically": true, "owners": [],
                    "managedIdentity": %s, "expiresOn": "2027-06-17T07:00:00Z"}]}
                """.formatted(STORAGE_OPTION, STORAGE_OPTION, STORAGE_OPTION));
        JsonNode written = JSON.readTree(body);
        assertThat(written).isEqualTo(expected);
        assertThat(fieldNames(written.path("items").get(1)))
                .as("the fields in the order the API has always written them")
                .containsExactly("kind", "location", "name", "credentialType", "rotatedAutomatically", "owners",
                        "managedIdentity", "expiresOn", "daysLeft");
    }

    @Test
    @DisplayName("an empty report is an empty, complete body")
    void empty() throws Exception {
        String body = ExpiryReportJson.of(new ExpiryReport(AS_OF, List.of(), List.of()), 0);

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {"asOf": "2026-11-29T07:00:00Z", "withinDays": 0, "complete": true, "unreadable": [], "items": [],
                 "policyGaps": [], "managedIdentityCandidates": []}
                """));
    }

    private static final String STORAGE_OPTION = """
            {"service": "Azure Storage",
             "guide": "https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory"}""";

    private static ExpiryItem secret(String name, Duration expiresIn, String credentialType, Map<String, String> tags,
                                     List<String> owners) {
        Instant expiresOn = expiresIn == null ? null : AS_OF.plus(expiresIn);
        SecretVersion listed = new SecretVersion(new SecretRef("kv-dev-payments", name), null, true, null, null,
                expiresOn, null, tags);
        return new ExpiryItem("vault-kv-dev-payments", ItemKind.SECRET, name, "kv-dev-payments", name, expiresOn,
                owners, credentialType, listed);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
