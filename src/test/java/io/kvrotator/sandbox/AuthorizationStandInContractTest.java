package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.testing.JsonShape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ARM authorization stand-in answers in the shapes of the official REST examples under
 * {@code src/test/resources/contracts/authorization} (and the vault GET like {@code contracts/keyvault/getVault.json}).
 */
class AuthorizationStandInContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "a3bb8764-cb92-4276-9d2a-ca1e895e55ea";
    private static final String VAULT = "kv-dev-contract";
    private static final String STORAGE = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments";
    private static Sandbox sandbox;
    private static HttpClient http;
    private static String vaultId;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(Clock.systemUTC());
        http = HttpClient.newHttpClient();
        vaultId = sandbox.authorization.vaults().put(VAULT, true, Map.of("Owner", "payments-team@contoso.com"));
        sandbox.authorization.standing(ALICE, "User", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), vaultId);
        sandbox.authorization.activated(ALICE, "User", AzureRoles.KEY_VAULT_ADMINISTRATOR.guid(),
                "/subscriptions/" + Sandbox.SUBSCRIPTION_ID, Instant.now().plusSeconds(3600));
        sandbox.authorization.eligible(ALICE, "User", AzureRoles.OWNER.guid(), vaultId);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("role assignments for a scope answer like RoleAssignments_ListForScope.json, with those above it")
    void roleAssignments() throws Exception {
        JsonNode body = get(vaultId + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01");

        assertConforms("RoleAssignments_ListForScope.json", body);
        assertThat(body.path("value")).hasSize(2);
    }

    @Test
    @DisplayName("a role definition by ID answers like GetRoleDefinitionById.json")
    void roleDefinition() throws Exception {
        JsonNode body = get(AuthorizationStandIn.roleDefinitionId(AzureRoles.KEY_VAULT_SECRETS_USER.guid())
                + "?api-version=2022-04-01");

        assertConforms("GetRoleDefinitionById.json", body);
        assertThat(body.path("properties").path("permissions").get(0).path("dataActions").toString())
                .contains("Microsoft.KeyVault/vaults/secrets/getSecret/action");
    }

    @Test
    @DisplayName("role assignment schedule instances answer like GetRoleAssignmentScheduleInstancesByScope.json")
    void assignmentScheduleInstances() throws Exception {
        JsonNode body = get(vaultId + "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances"
                + "?api-version=2020-10-01");

        assertConforms("GetRoleAssignmentScheduleInstancesByScope.json", body);
        assertThat(body.path("value")).extracting(item -> item.path("properties").path("assignmentType").asText())
                .containsExactlyInAnyOrder("Assigned", "Activated");
    }

    @Test
    @DisplayName("role eligibility schedule instances answer like GetRoleEligibilityScheduleInstancesByScope.json")
    void eligibilityScheduleInstances() throws Exception {
        JsonNode body = get(vaultId + "/providers/Microsoft.Authorization/roleEligibilityScheduleInstances"
                + "?api-version=2020-10-01");

        assertConforms("GetRoleEligibilityScheduleInstancesByScope.json", body);
        assertThat(body.path("value")).hasSize(1);
    }

    @Test
    @DisplayName("the caller's permissions on a resource answer like GetResourcePermissions.json, and 403 when refused")
    void permissions() throws Exception {
        sandbox.authorization.permissions(STORAGE, List.of("Microsoft.Storage/storageAccounts/listkeys/action"));
        JsonNode body = get(STORAGE + "/providers/Microsoft.Authorization/permissions?api-version=2022-04-01");

        assertConforms("GetResourcePermissions.json", body);
        assertThat(body.path("value").get(0).path("actions").toString()).contains("listkeys");
        assertThat(body.path("value").get(0).has("dataActions")).isTrue();

        sandbox.authorization.forbid("permissions:" + STORAGE);
        HttpResponse<String> refused = send(STORAGE + "/providers/Microsoft.Authorization/permissions"
                + "?api-version=2022-04-01");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("AuthorizationFailed");
    }

    @Test
    @DisplayName("the vault GET answers like getVault.json, with enableRbacAuthorization and the vault's tags")
    void vault() throws Exception {
        JsonNode body = get(vaultId + "?api-version=2023-07-01");

        try (InputStream in = getClass().getResourceAsStream("/contracts/keyvault/getVault.json")) {
            JsonNode example = JSON.readTree(in).path("responses").path("200").path("body");
            assertThat(JsonShape.differencesAllowingNulls(example, body)).isEmpty();
        }
        assertThat(body.path("properties").path("enableRbacAuthorization").asBoolean()).isTrue();
        assertThat(body.path("tags").path("Owner").asText()).isEqualTo("payments-team@contoso.com");
    }

    private static void assertConforms(String file, JsonNode actual) throws IOException {
        try (InputStream in = AuthorizationStandInContractTest.class.getResourceAsStream("/contracts/authorization/"
                + file)) {
            JsonNode example = JSON.readTree(in).path("responses").path("200").path("body");
            assertThat(JsonShape.differencesAllowingNulls(example, actual)).isEmpty();
        }
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = send(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.arm.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + SandboxCredential.TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
