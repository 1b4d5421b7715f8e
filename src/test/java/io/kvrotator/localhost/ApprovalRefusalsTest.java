package io.kvrotator.localhost;

import static io.kvrotator.localhost.ApprovalCalls.ALICE;
import static io.kvrotator.localhost.ApprovalCalls.ALICE_AS_APPROVER;
import static io.kvrotator.localhost.ApprovalCalls.BOB;
import static io.kvrotator.localhost.ApprovalCalls.CAROL;
import static io.kvrotator.localhost.ApprovalCalls.NOBODY;
import static io.kvrotator.localhost.ApprovalCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxTest;
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
 * Every refusal of the two-person flow, over HTTP through the local host: the requester approving under any of her
 * names, an approver without the role, an expired or withdrawn request, a stranger withdrawing, no principal, a bad
 * request id. Each changes nothing anywhere, and the request still waits.
 */
@SandboxTest
class ApprovalRefusalsTest {

    private static final String VAULT = "kv-dev-rotator";
    private static final String PAYMENTS = "PAYMENTS-STORAGE-KEY";

    private MutableClock clock;
    private ApprovalCalls api;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.clock = clock;
        SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        api = ApprovalCalls.start(sandbox, VAULT, Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("the requester approving, under her own name or another UPN with her object ID, is refused and"
            + " changes nothing")
    void samePersonRefused() {
        String id = requestRevocation();
        JsonNode before = api.state();

        HttpResponse<String> herself = api.approve(id, ALICE);
        HttpResponse<String> underAnotherName = api.approve(id, ALICE_AS_APPROVER);

        assertThat(herself.statusCode()).isEqualTo(403);
        assertThat(herself.body()).contains("a second person must approve it");
        assertThat(underAnotherName.statusCode()).isEqualTo(403);
        assertThat(underAnotherName.body()).contains("alice.smith@contoso.com asked for this revocation");
        assertUnchanged(before, id);
    }

    @Test
    @DisplayName("an approver without the approver role is refused and changes nothing")
    void approverWithoutRoleRefused() {
        String id = requestRevocation();
        JsonNode before = api.state();

        HttpResponse<String> refused = api.approve(id, CAROL);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("carol@contoso.com does not have the app role KvRotator.Approver");
        assertUnchanged(before, id);
    }

    @Test
    @DisplayName("an expired request is refused and changes nothing; it is no longer listed")
    void expiredRefused() {
        String id = requestRevocation();
        clock.advance(Duration.ofHours(24));
        JsonNode before = api.state();

        HttpResponse<String> refused = api.approve(id, BOB);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Request expired", "expired at");
        assertThat(vaultsAndKeys(api.state())).isEqualTo(vaultsAndKeys(before));
        assertThat(versions()).hasSize(1);
        assertThat(api.open()).isEmpty();
    }

    @Test
    @DisplayName("the requester withdraws a request: everyone hears; approving it then is refused and changes nothing")
    void withdrawnRefused() {
        String id = requestRevocation();

        HttpResponse<String> withdrawn = api.withdraw(id, ALICE);

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(json(withdrawn).path("decision").path("state").asText()).isEqualTo("withdrawn");
        assertThat(api.state().path("notifications").path("teams").toString())
                .contains("Revocation withdrawn by alice@contoso.com");
        assertThat(api.open()).isEmpty();
        JsonNode before = api.state();

        HttpResponse<String> refused = api.approve(id, BOB);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("was withdrawn by alice@contoso.com");
        assertThat(api.state()).isEqualTo(before);
    }

    @Test
    @DisplayName("an approver may withdraw; someone who neither asked nor approves may not, and that changes nothing")
    void whoMayWithdraw() {
        String id = requestRevocation();
        JsonNode before = api.state();

        HttpResponse<String> refused = api.withdraw(id, CAROL);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertUnchanged(before, id);
        assertThat(api.withdraw(id, BOB).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("without a principal, asking and approving are 401; an unknown, malformed or bodied approval is"
            + " refused; none of it changes anything")
    void unauthenticatedAndMalformed() {
        String id = requestRevocation();
        JsonNode before = api.state();

        HttpResponse<String> anonymousAsk = api.revoke(VAULT, PAYMENTS, "{\"reason\":\"leak\"}", NOBODY);
        HttpResponse<String> anonymousApprove = api.approve(id, NOBODY);
        HttpResponse<String> unknown = api.approve("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", BOB);
        HttpResponse<String> malformed = api.approve("..%2F..%2Fidempotency", BOB);
        HttpResponse<String> withBody = api.call("POST", "/api/revocations/" + id + "/approve",
                "{\"version\":\"0123456789abcdef0123456789abcdef\"}", BOB);
        HttpResponse<String> approverNamed = api.revoke(VAULT, PAYMENTS,
                "{\"reason\":\"leak\",\"approvedBy\":\"bob@contoso.com\"}", ALICE);

        assertThat(anonymousAsk.statusCode()).isEqualTo(401);
        assertThat(anonymousAsk.body()).contains("needs an App Service authentication principal");
        assertThat(anonymousApprove.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(withBody.statusCode()).isEqualTo(400);
        assertThat(withBody.body()).contains("approve takes no body");
        assertThat(approverNamed.statusCode()).isEqualTo(400);
        assertThat(approverNamed.body()).contains("approvedBy is for emergency revocations only");
        assertUnchanged(before, id);
    }

    private String requestRevocation() {
        HttpResponse<String> requested = api.revoke(VAULT, PAYMENTS, "{\"reason\":\"key pasted in a ticket\"}", ALICE);
        assertThat(requested.statusCode()).isEqualTo(202);
        return json(requested).path("requestId").asText();
    }

    /** Nothing changed anywhere, and the request still waits for a second person. */
    private void assertUnchanged(JsonNode before, String id) {
        assertThat(api.state()).isEqualTo(before);
        assertThat(versions()).hasSize(1);
        assertThat(api.open()).singleElement().satisfies(open -> {
            assertThat(open.path("requestId").asText()).isEqualTo(id);
            assertThat(open.path("decision").path("state").asText()).isEqualTo("pending");
        });
    }

    private JsonNode versions() {
        return api.state().path("vaults").path(VAULT).path("secrets").path(PAYMENTS).path("versions");
    }

    private static JsonNode vaultsAndKeys(JsonNode state) {
        return ((ObjectNode) state.deepCopy()).without(List.of("notifications"));
    }
}
