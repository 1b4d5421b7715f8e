package io.kvrotator.localhost;

import static io.kvrotator.localhost.ApprovalCalls.ALICE;
import static io.kvrotator.localhost.ApprovalCalls.BOB;
import static io.kvrotator.localhost.ApprovalCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two-person revocation over HTTP through the local host, the function app's own storage in Azurite: Alice asks,
 * everyone concerned hears what will stop working, Bob approves; and the single-person emergency mode. The
 * refusals are in {@link ApprovalRefusalsTest}.
 */
@SandboxTest
class TwoPersonRevocationTest {

    private static final String VAULT = "kv-dev-rotator";
    private static final String PAYMENTS = "PAYMENTS-STORAGE-KEY";
    private static final String BILLING = "BILLING-API-CLIENT-SECRET";
    private static final String APPROVERS = "security-approvers@contoso.com";

    private Sandbox sandbox;
    private MutableClock clock;
    private ApprovalCalls api;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        this.clock = clock;
        SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        api = ApprovalCalls.start(sandbox, VAULT, Map.of(Setting.APPROVERS_NOTIFY_TO.key(), APPROVERS));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("asking records the request and tells owners and approvers which keys stop working, changing nothing;"
            + " a second person's approval revokes and tags every version")
    void requestThenApprove() {
        JsonNode before = api.state();

        HttpResponse<String> requested = api.revoke(VAULT, PAYMENTS, "{\"reason\":\"key pasted in a ticket\"}", ALICE);

        assertThat(requested.statusCode()).isEqualTo(202);
        JsonNode request = json(requested);
        String id = request.path("requestId").asText();
        assertThat(requested.headers().firstValue("Location")).hasValue("/api/revocations/" + id);
        assertThat(request.path("kind").asText()).isEqualTo("revocation");
        assertThat(request.path("requestedBy").asText()).isEqualTo("alice@contoso.com");
        assertThat(request.path("expiresAt").asText()).isEqualTo(clock.instant().plus(Duration.ofHours(24)).toString());
        assertThat(texts(request.path("stopsWorking"))).containsExactly(
                "key1 of storage account stpaymentsdev (held by version " + latestVersion(PAYMENTS)
                        + ", the compromised one)", "key2 of storage account stpaymentsdev");
        assertThat(vaultsAndKeys(api.state())).as("asking changes nothing").isEqualTo(vaultsAndKeys(before));
        assertThat(sandbox.teams.posted()).anySatisfy(card -> assertThat(card.text())
                .contains("Revocation requested by alice@contoso.com", "key1 of storage account stpaymentsdev",
                        "POST /api/revocations/" + id + "/approve"));
        assertThat(sandbox.graph.sentMail()).anySatisfy(mail -> assertThat(mail.to())
                .contains("payments-team@contoso.com", APPROVERS));
        assertThat(api.open()).singleElement().satisfies(open -> assertThat(open.path("requestId").asText())
                .isEqualTo(id));

        HttpResponse<String> approved = api.approve(id, BOB);

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode outcome = json(approved);
        assertThat(outcome.path("outcome").asText()).isEqualTo("revoked");
        assertThat(outcome.path("requestId").asText()).isEqualTo(id);
        assertThat(outcome.path("approvedBy").asText()).isEqualTo("bob@contoso.com");
        JsonNode versions = versions(PAYMENTS);
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("enabled").asBoolean()).isFalse();
        for (JsonNode version : versions) {
            assertThat(version.path("tags").path("RevokedBy").asText()).isEqualTo("alice@contoso.com");
            assertThat(version.path("tags").path("ApprovedBy").asText()).isEqualTo("bob@contoso.com");
            assertThat(version.path("tags").path("RevocationReason").asText()).isEqualTo("key pasted in a ticket");
            assertThat(version.path("tags").path("RevokedAt").asText()).isEqualTo(clock.instant().toString());
        }
        assertThat(sandbox.teams.posted()).anySatisfy(card -> assertThat(card.text())
                .contains("Requested by alice@contoso.com, approved by bob@contoso.com"));
        assertThat(api.open()).isEmpty();
        HttpResponse<String> again = api.approve(id, BOB);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already carried out");
    }

    @Test
    @DisplayName("for an app secret, the request names every password that will be removed by display name and hint,"
            + " a pipeline's too; approved, only the new version's password is left")
    void appSecretPasswordsNamed() {
        String objectId = sandbox.graph.applications().values().stream()
                .filter(app -> app.displayName().equals("billing-api")).findFirst().orElseThrow().objectId();
        PasswordState pipeline = sandbox.graph.addPassword(objectId, "used by the CI pipeline", clock.instant(),
                clock.instant().plus(Duration.ofDays(300)));

        HttpResponse<String> requested = api.revoke(VAULT, BILLING, "{\"reason\":\"secret in a public repo\"}", ALICE);

        assertThat(requested.statusCode()).isEqualTo(202);
        assertThat(texts(json(requested).path("stopsWorking"))).hasSize(2).anySatisfy(line -> assertThat(line)
                .contains("\"used by the CI pipeline\"", "hint " + pipeline.hint() + "…"));
        // the card escapes Markdown characters a random hint may hold (e.g. "\\~"): compare without the escapes
        assertThat(sandbox.teams.posted()).anySatisfy(card -> assertThat(card.text().replace("\\", ""))
                .contains("used by the CI pipeline", "hint " + pipeline.hint()));

        HttpResponse<String> approved = api.approve(json(requested).path("requestId").asText(), BOB);

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(sandbox.graph.passwords(objectId)).singleElement().extracting(PasswordState::keyId)
                .isEqualTo(json(approved).path("credentialId").asText());
    }

    @Test
    @DisplayName("emergency mode, only with its setting on, revokes at once and says EMERGENCY in the tags and the"
            + " notice; with it off, an emergency revocation is 403 and changes nothing")
    void emergencyMode() {
        String body = "{\"reason\":\"key in a public gist\",\"approvedBy\":\"bob@contoso.com\",\"emergency\":true}";
        JsonNode before = api.state();

        HttpResponse<String> off = api.revoke(VAULT, PAYMENTS, body, ALICE);

        assertThat(off.statusCode()).isEqualTo(403);
        assertThat(off.body()).contains("ROTATOR_EMERGENCY_REVOCATION");
        assertThat(api.state()).isEqualTo(before);

        api.close();
        api = ApprovalCalls.start(sandbox, VAULT, Map.of(Setting.EMERGENCY_REVOCATION.key(), "true"));
        HttpResponse<String> on = api.revoke(VAULT, PAYMENTS, body, ALICE);

        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(json(on).path("outcome").asText()).isEqualTo("revoked");
        assertThat(json(on).path("emergency").asBoolean()).isTrue();
        for (JsonNode version : versions(PAYMENTS)) {
            assertThat(version.path("tags").path("ApprovedBy").asText())
                    .isEqualTo("EMERGENCY single-person revocation, approved by nobody (named: bob@contoso.com)");
            assertThat(version.path("tags").path("RevokedBy").asText()).isEqualTo("alice@contoso.com");
        }
        assertThat(sandbox.teams.posted()).anySatisfy(card -> assertThat(card.text())
                .contains("EMERGENCY SINGLE-PERSON REVOCATION, APPROVED BY NOBODY: Revoked"));
        assertThat(sandbox.graph.sentMail()).anySatisfy(mail -> assertThat(mail.subject()).contains("EMERGENCY"));
    }

    private JsonNode versions(String secret) {
        return api.state().path("vaults").path(VAULT).path("secrets").path(secret).path("versions");
    }

    private String latestVersion(String secret) {
        JsonNode versions = versions(secret);
        return versions.get(versions.size() - 1).path("version").asText();
    }

    private static JsonNode vaultsAndKeys(JsonNode state) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) state.deepCopy()).without(List.of("notifications"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
