package io.kvrotator.localhost;

import static io.kvrotator.localhost.ApprovalCalls.ALICE;
import static io.kvrotator.localhost.ApprovalCalls.BOB;
import static io.kvrotator.localhost.ApprovalCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxSeed.SeededSecret;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.testing.KeyVaultEvents;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Retirement without replacement over HTTP through the local host, under the two-person rule: every credential
 * invalidated, every version disabled and tagged, and the secret out of rotation and out of expiry alerts.
 */
@SandboxTest
class RetirementTest {

    private static final String VAULT = "kv-dev-rotator";
    private static final String PAYMENTS = "PAYMENTS-STORAGE-KEY";
    private static final String ACCOUNT = "stpaymentsdev";

    private Sandbox sandbox;
    private MutableClock clock;
    private ApprovalCalls api;
    private List<SeededSecret> seeded;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        this.clock = clock;
        seeded = SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        api = ApprovalCalls.start(sandbox, VAULT, Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("retiring a storage key, once approved, regenerates both keys, disables and tags every version;"
            + " events, the sweep, the report and a manual rotation leave it alone from then on")
    void retireStorageKey() {
        List<String> keysBefore = keyFingerprints();
        JsonNode before = api.state();

        HttpResponse<String> requested = api.retire(VAULT, PAYMENTS,
                "{\"reason\":\"payments moved to a managed identity\"}", ALICE);

        assertThat(requested.statusCode()).isEqualTo(202);
        assertThat(json(requested).path("kind").asText()).isEqualTo("retirement");
        assertThat(json(requested).path("stopsWorking")).extracting(JsonNode::asText)
                .containsExactly("key1 of storage account " + ACCOUNT, "key2 of storage account " + ACCOUNT);
        assertThat(keyFingerprints()).isEqualTo(keysBefore);
        assertThat(versions(PAYMENTS)).isEqualTo(before.path("vaults").path(VAULT).path("secrets").path(PAYMENTS)
                .path("versions"));

        HttpResponse<String> approved = api.approve(json(requested).path("requestId").asText(), BOB);

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode outcome = json(approved);
        assertThat(outcome.path("outcome").asText()).isEqualTo("retired");
        assertThat(outcome.path("invalidated")).hasSize(2);
        assertThat(keyFingerprints()).doesNotContainAnyElementsOf(keysBefore);
        for (JsonNode version : versions(PAYMENTS)) {
            assertThat(version.path("enabled").asBoolean()).isFalse();
            assertThat(version.path("tags").path("RetiredBy").asText()).isEqualTo("alice@contoso.com");
            assertThat(version.path("tags").path("ApprovedBy").asText()).isEqualTo("bob@contoso.com");
            assertThat(version.path("tags").path("RetirementReason").asText())
                    .isEqualTo("payments moved to a managed identity");
            assertThat(version.path("tags").path("RetiredAt").asText()).isEqualTo(clock.instant().toString());
        }
        assertThat(sandbox.teams.posted()).anySatisfy(card -> assertThat(card.text())
                .contains("Retired: every credential invalidated, every version disabled"));
        assertThat(sandbox.eventGrid.events("io.kvrotator.secret.retired")).singleElement().satisfies(event -> {
            assertThat(event.path("subject").asText()).isEqualTo(VAULT + "/" + PAYMENTS);
            assertThat(event.path("data").path("invalidatedAtProvider").asBoolean()).isTrue();
            assertThat(event.path("data").path("approvedBy").asText()).isEqualTo("bob@contoso.com");
            assertThat(event.path("data").path("disabledVersions")).hasSameSizeAs(versions(PAYMENTS));
        });
        leftAlone(PAYMENTS);
    }

    @Test
    @DisplayName("retiring an app secret removes every password of the application, a pipeline's too")
    void retireAppSecret() {
        String objectId = sandbox.graph.applications().values().stream()
                .filter(app -> app.displayName().equals("billing-api")).findFirst().orElseThrow().objectId();
        sandbox.graph.addPassword(objectId, "used by the CI pipeline", clock.instant(),
                clock.instant().plus(Duration.ofDays(300)));

        HttpResponse<String> requested = api.retire(VAULT, "BILLING-API-CLIENT-SECRET",
                "{\"reason\":\"billing-api decommissioned\"}", ALICE);
        assertThat(json(requested).path("stopsWorking")).hasSize(2)
                .anySatisfy(line -> assertThat(line.asText()).contains("\"used by the CI pipeline\""));
        HttpResponse<String> approved = api.approve(json(requested).path("requestId").asText(), BOB);

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(sandbox.graph.passwords(objectId)).extracting(PasswordState::displayName).isEmpty();
        assertThat(versions("BILLING-API-CLIENT-SECRET")).allSatisfy(version ->
                assertThat(version.path("enabled").asBoolean()).isFalse());
    }

    @Test
    @DisplayName("a secret without CredentialType is retired too: its versions are disabled and its owners told what"
            + " remains to be done at the provider")
    void retireWithoutCredentialType() {
        HttpResponse<String> requested = api.retire(VAULT, "LEGACY-PARTNER-API-KEY",
                "{\"reason\":\"partner contract ended\"}", ALICE);
        assertThat(json(requested).path("stopsWorking")).isEmpty();
        assertThat(json(requested).path("onApproval").asText()).contains("no CredentialType tag");

        HttpResponse<String> approved = api.approve(json(requested).path("requestId").asText(), BOB);

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).path("remainingAtProvider").asText())
                .contains("revoke or delete it at its provider");
        assertThat(versions("LEGACY-PARTNER-API-KEY")).allSatisfy(version -> {
            assertThat(version.path("enabled").asBoolean()).isFalse();
            assertThat(version.path("tags").path("RetiredAt").asText()).isNotBlank();
        });
        assertThat(sandbox.graph.sentMail()).anySatisfy(mail -> {
            assertThat(mail.to()).contains("partners-team@contoso.com");
            assertThat(mail.subject()).contains("Retired");
        });
        leftAlone("LEGACY-PARTNER-API-KEY");
    }

    @Test
    @DisplayName("the requester approving her own retirement is refused and changes nothing")
    void samePersonRefused() {
        HttpResponse<String> requested = api.retire(VAULT, PAYMENTS, "{\"reason\":\"decommissioned\"}", ALICE);
        JsonNode before = api.state();

        HttpResponse<String> refused = api.approve(json(requested).path("requestId").asText(), ALICE);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.state()).isEqualTo(before);
    }

    /** A near-expiry event, the daily sweep, the expiry report and a manual rotation: none touch or mention it. */
    private void leftAlone(String secret) {
        JsonNode before = api.state();
        int cards = sandbox.teams.posted().size();
        SeededSecret seed = seeded.stream().filter(s -> s.name().equals(secret)).findFirst().orElseThrow();

        HttpResponse<String> event = api.call("POST", "/runtime/webhooks/EventGrid?functionName=SecretNearExpiry",
                "[" + KeyVaultEvents.nearExpiry(VAULT, secret, seed.version(), seed.expiresOn(), clock.instant()) + "]",
                Map.of("aeg-event-type", "Notification"));
        HttpResponse<String> sweep = api.call("POST", "/admin/functions/ExpirySweep", "{\"input\": \"\"}", Map.of());
        HttpResponse<String> report = api.call("GET", "/api/expiries?withinDays=60", null, ALICE);
        HttpResponse<String> rotate = api.call("POST", "/api/secrets/" + VAULT + "/" + secret + "/rotate",
                "{\"reason\":\"by hand\"}", ALICE);
        HttpResponse<String> status = api.call("GET", "/api/secrets/" + VAULT + "/" + secret, null, ALICE);

        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(sweep.statusCode()).isBetween(200, 204);
        assertThat(json(report).path("items")).noneSatisfy(item -> assertThat(item.path("name").asText())
                .isEqualTo(secret));
        assertThat(rotate.statusCode()).isEqualTo(409);
        assertThat(rotate.body()).contains("the secret was retired at");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(json(status).path("enabled").asBoolean()).isFalse();
        assertThat(json(status).path("rotation").path("blockedBy").asText()).startsWith("the secret was retired at");
        assertThat(versions(secret)).isEqualTo(before.path("vaults").path(VAULT).path("secrets").path(secret)
                .path("versions"));
        assertThat(sandbox.teams.posted().subList(cards, sandbox.teams.posted().size()))
                .noneSatisfy(card -> assertThat(card.text()).contains(secret));
    }

    private JsonNode versions(String secret) {
        return api.state().path("vaults").path(VAULT).path("secrets").path(secret).path("versions");
    }

    private List<String> keyFingerprints() {
        var accounts = api.state().path("storageAccounts").fields();
        while (accounts.hasNext()) {
            var account = accounts.next();
            if (account.getKey().endsWith("/" + ACCOUNT)) {
                return List.of(account.getValue().path("key1").path("fingerprint").asText(),
                        account.getValue().path("key2").path("fingerprint").asText());
            }
        }
        throw new AssertionError("no account " + ACCOUNT);
    }
}
