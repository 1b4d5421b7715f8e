package io.kvrotator.localhost;

import static io.kvrotator.localhost.ApprovalCalls.ALICE;
import static io.kvrotator.localhost.ApprovalCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Managed identity first" through the local host: the expiries report and the daily digest mark the secrets whose
 * resource accepts Microsoft Entra ID, with Microsoft's guide, and no others.
 */
@SandboxTest
class ManagedIdentityFirstTest {

    private static final String VAULT = "kv-dev-rotator";
    private static final String BY_HAND = "REPORTS-STORAGE-CONNECTION";
    private static final String STORAGE_GUIDE =
            "https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory";

    private Sandbox sandbox;
    private ApprovalCalls api;

    /**
     * Besides the default seed, a storage connection string someone keeps by hand (no CredentialType), expiring in
     * ten days: the sweep rotates none of it, so the digest lists it.
     */
    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        sandbox.keyVault.seedSecret(VAULT, BY_HAND, "DefaultEndpointsProtocol=https;AccountName=streportsdev;"
                        + "AccountKey=kept-by-hand", Map.of("ProviderAddress", "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
                        + "/resourceGroups/rg-reports-dev/providers/Microsoft.Storage/storageAccounts/streportsdev",
                        "Owner", "reports-team@contoso.com"), clock.instant().minus(Duration.ofDays(80)),
                clock.instant().plus(Duration.ofDays(10)));
        api = ApprovalCalls.start(sandbox, VAULT, Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("GET expiries lists every key of a service with Entra ID authentication as a managed identity"
            + " candidate, storage keys with the storage guide, and marks them among the expiring items; app secrets"
            + " and untagged secrets are not candidates")
    void expiriesReport() {
        JsonNode report = json(api.call("GET", "/api/expiries?withinDays=30", null, ALICE));

        assertThat(names(report.path("managedIdentityCandidates")))
                .containsExactlyInAnyOrder("PAYMENTS-STORAGE-KEY", "ORDERS-STORAGE-KEY", BY_HAND, "ASSISTANT-OPENAI-KEY",
                        "ORDERS-SERVICEBUS-KEY", "TELEMETRY-EVENTHUBS-CONNECTION", "SESSIONS-REDIS-KEY",
                        "CATALOG-COSMOS-READONLY-CONNECTION", "ORDERS-DB-PASSWORD", "REPORTING-DB-CONNECTION");
        assertThat(report.path("managedIdentityCandidates")).filteredOn(candidate -> List.of("PAYMENTS-STORAGE-KEY",
                "ORDERS-STORAGE-KEY", BY_HAND).contains(candidate.path("name").asText())).hasSize(3).allSatisfy(candidate -> {
            assertThat(candidate.path("managedIdentity").path("service").asText()).isEqualTo("Azure Storage");
            assertThat(candidate.path("managedIdentity").path("guide").asText()).isEqualTo(STORAGE_GUIDE);
        });
        assertThat(report.path("items")).anySatisfy(item -> {
            assertThat(item.path("name").asText()).isEqualTo("PAYMENTS-STORAGE-KEY");
            assertThat(item.path("managedIdentity").path("guide").asText()).isEqualTo(STORAGE_GUIDE);
        });
        assertThat(report.path("items")).filteredOn(item -> item.path("name").asText().endsWith("CLIENT-SECRET")
                || item.path("name").asText().equals("LEGACY-PARTNER-API-KEY"))
                .isNotEmpty().allSatisfy(item -> assertThat(item.has("managedIdentity")).isFalse());
    }

    @Test
    @DisplayName("the daily digest says of a storage secret it lists that it could be replaced by a managed identity,"
            + " with the guide, in the card and in the owners' email; of nothing else")
    void digest() {
        api.call("POST", "/admin/functions/ExpirySweep", "{\"input\": \"\"}", Map.of());

        String card = sandbox.teams.posted().stream().map(post -> post.text())
                .filter(text -> text.contains("Daily expiry digest")).findFirst().orElseThrow();
        assertThat(card).contains(BY_HAND, "could be replaced by a managed identity (Azure Storage accepts Microsoft"
                + " Entra ID): " + STORAGE_GUIDE);
        assertThat(card.split("managed identity", -1)).as("said once, of that secret only").hasSize(2);
        assertThat(sandbox.graph.sentMail()).filteredOn(mail -> mail.subject().contains("Daily expiry digest")
                && mail.to().contains("reports-team@contoso.com")).singleElement()
                .satisfies(mail -> assertThat(mail.body().toString()).contains(STORAGE_GUIDE));
        assertThat(sandbox.graph.sentMail()).filteredOn(mail -> mail.subject().contains("Daily expiry digest")
                && !mail.to().contains("reports-team@contoso.com") && !mail.to().contains(Sandbox.DEFAULT_RECIPIENTS))
                .isNotEmpty().allSatisfy(mail -> assertThat(mail.body().toString()).doesNotContain("managed identity"));
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}
