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
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The permission preflight through the local host: status and dry run say what the function's identity lacks on
 * the storage account before a rotation fails for it, and "could not check" when Azure will not say.
 */
@SandboxTest
class PermissionPreflightApiTest {

    private static final String VAULT = "kv-dev-rotator";
    private static final String SECRET = "/api/secrets/" + VAULT + "/PAYMENTS-STORAGE-KEY";
    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-payments-dev/providers/Microsoft.Storage/storageAccounts/stpaymentsdev";
    private static final String MISSING = "missing Microsoft.Storage/storageAccounts/regeneratekey/action on stpaymentsdev";

    private Sandbox sandbox;
    private ApprovalCalls api;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        api = ApprovalCalls.start(sandbox, VAULT, Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("with the roles infra grants, status says the identity has both storage actions")
    void granted() {
        JsonNode status = json(api.call("GET", SECRET, null, ALICE));

        assertThat(status.path("permissions").path("status").asText()).isEqualTo("granted");
        assertThat(status.path("permissions").path("message").asText())
                .isEqualTo("has every action a rotation needs on stpaymentsdev: Microsoft.Storage/storageAccounts/"
                        + "listkeys/action, Microsoft.Storage/storageAccounts/regeneratekey/action");
        assertThat(status.path("rotation").path("possible").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("without regenerateKey: status names the missing action, the dry run is 422 with it, nothing changes")
    void missingRole() {
        sandbox.authorization.permissions(ACCOUNT, List.of("Microsoft.Storage/storageAccounts/listkeys/action",
                "Microsoft.Authorization/permissions/read"));
        JsonNode before = api.state().path("vaults");

        JsonNode status = json(api.call("GET", SECRET, null, ALICE));
        HttpResponse<String> dryRun = api.call("POST", SECRET + "/rotate", "{\"reason\":\"check\",\"dryRun\":true}",
                ALICE);

        assertThat(status.path("permissions").path("status").asText()).isEqualTo("missing");
        assertThat(status.path("permissions").path("message").asText()).isEqualTo(MISSING);
        assertThat(status.path("permissions").path("missing")).extracting(JsonNode::asText)
                .containsExactly("Microsoft.Storage/storageAccounts/regeneratekey/action");
        assertThat(status.path("rotation").path("possible").asBoolean()).isFalse();
        assertThat(status.path("rotation").path("blockedBy").asText()).isEqualTo(MISSING);
        assertThat(dryRun.statusCode()).isEqualTo(422);
        assertThat(json(dryRun).path("detail").asText()).isEqualTo(MISSING);
        assertThat(api.state().path("vaults")).isEqualTo(before);
        assertThat(sandbox.arm.calls()).noneMatch(call -> call.path().endsWith("/regenerateKey"));
    }

    @Test
    @DisplayName("a 403 on the permission listing is 'could not check', never a pass; the plan still shows")
    void refused() {
        sandbox.authorization.forbid("permissions");

        JsonNode status = json(api.call("GET", SECRET, null, ALICE));
        HttpResponse<String> dryRun = api.call("POST", SECRET + "/rotate", "{\"reason\":\"check\",\"dryRun\":true}",
                ALICE);

        assertThat(status.path("permissions").path("status").asText()).isEqualTo("could-not-check");
        assertThat(status.path("permissions").path("message").asText())
                .startsWith("could not check the function's permissions on stpaymentsdev: ")
                .contains("status=403", "AuthorizationFailed");
        assertThat(status.path("rotation").path("possible").asBoolean()).isTrue();
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(json(dryRun).path("permissions").path("status").asText()).isEqualTo("could-not-check");
    }

    @Test
    @DisplayName("an app registration secret needs no Azure role: the preflight says so")
    void appRegistration() {
        JsonNode status = json(api.call("GET", "/api/secrets/" + VAULT + "/BILLING-API-CLIENT-SECRET", null, ALICE));

        assertThat(status.path("permissions").path("status").asText()).isEqualTo("not-applicable");
        assertThat(status.path("permissions").path("message").asText()).startsWith("AppRegistrationSecret needs no"
                + " Azure role on a resource");
    }
}
