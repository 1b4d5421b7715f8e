package io.kvrotator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.management.exception.ManagementException;
import io.kvrotator.graph.GraphClients;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.sandbox.ArmVaults;
import io.kvrotator.sandbox.AzureRoles;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.support.Lazy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The real authorization, resources and Graph SDK clients against the sandbox's ARM and Graph stand-ins. */
@SandboxTest
class ArmRbacTest {

    private static final String VAULT = "kv-dev-payments";
    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String STORAGE = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments";

    private Sandbox sandbox;
    private ArmRbac rbac;
    private String vaultId;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) {
        this.sandbox = sandbox;
        rbac = new ArmRbac(ArmAccess.of(sandbox.arm.baseUrl() + "/", sandbox.credential, HttpClient.createDefault()));
        vaultId = sandbox.authorization.vaults().put(VAULT, false, Map.of("Owner", "payments-team@contoso.com",
                "NotifyTo", "teams:payments-oncall"));
        sandbox.authorization.vaults().accessPolicy(VAULT, ALICE, List.of("Get", "List"));
        sandbox.authorization.vaults().accessPolicy(VAULT, "22222222-2222-4222-8222-222222222222", List.of("List"));
        sandbox.authorization.standing(ALICE, "User", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), vaultId);
        sandbox.authorization.activated(ALICE, "User", AzureRoles.OWNER.guid(), "/subscriptions/"
                + Sandbox.SUBSCRIPTION_ID, clock.instant().plus(Duration.ofHours(2)));
        sandbox.authorization.eligible(ALICE, "Group", AzureRoles.KEY_VAULT_ADMINISTRATOR.guid(),
                "/providers/Microsoft.Management/managementGroups/mg-contoso");
    }

    @Test
    @DisplayName("the vault GET gives its mode, its Owner and NotifyTo tags and the access policies that read secrets")
    void vault() {
        VaultFacts facts = rbac.vault(vaultId);

        assertThat(facts.rbacAuthorization()).isFalse();
        assertThat(facts.owners()).containsExactly("payments-team@contoso.com", "teams:payments-oncall");
        assertThat(facts.accessPoliciesReadingSecrets()).isEqualTo(1);
        assertThat(ArmVaults.idOf(VAULT)).isEqualToIgnoringCase(facts.resourceId());
    }

    @Test
    @DisplayName("role assignments at and above the vault, their definitions, and PIM's instances, read through the SDK")
    void assignmentsDefinitionsAndSchedules() {
        List<RoleAssignment> assignments = rbac.roleAssignments(vaultId);
        List<PimSchedules.Active> active = rbac.activeSchedules(vaultId);
        List<PimSchedules.Eligible> eligible = rbac.eligibleSchedules(vaultId);

        assertThat(assignments).extracting(RoleAssignment::kind, RoleAssignment::scope).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(PrincipalKind.USER, vaultId),
                org.assertj.core.groups.Tuple.tuple(PrincipalKind.USER, "/subscriptions/" + Sandbox.SUBSCRIPTION_ID));
        assertThat(active).extracting(PimSchedules.Active::activated).containsExactlyInAnyOrder(false, true);
        assertThat(active).filteredOn(PimSchedules.Active::activated).singleElement()
                .satisfies(instance -> assertThat(instance.endDateTime()).isNotNull());
        assertThat(eligible).singleElement().extracting(PimSchedules.Eligible::kind).isEqualTo(PrincipalKind.GROUP);
        RoleDefinition secretsUser = rbac.roleDefinition(assignments.get(0).roleDefinitionId());
        assertThat(secretsUser.roleName()).isEqualTo("Key Vault Secrets User");
        assertThat(secretsUser.readsSecrets()).isTrue();
        // No double slash: the JDK's server would have read "//subscriptions" as an authority and dropped it.
        assertThat(sandbox.arm.calls()).extracting(StandIn.Call::path).isNotEmpty().allSatisfy(path ->
                assertThat(path).startsWith("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/"));
    }

    @Test
    @DisplayName("the caller's permissions on a storage account, and ARM's 403 as the SDK's exception")
    void permissions() {
        sandbox.authorization.permissions(STORAGE, List.of("Microsoft.Storage/storageAccounts/listkeys/action"));
        ResourceRef account = ResourceRef.of(STORAGE, "Microsoft.Storage/storageAccounts").orElseThrow();

        assertThat(rbac.ownPermissions(account)).singleElement().satisfies(grant ->
                assertThat(grant.actions()).containsExactly("Microsoft.Storage/storageAccounts/listkeys/action"));

        sandbox.authorization.forbid("permissions");
        assertThatThrownBy(() -> rbac.ownPermissions(account)).isInstanceOf(ManagementException.class)
                .hasMessageContaining("AuthorizationFailed");
    }

    @Test
    @DisplayName("a user's userType through the Graph SDK, and a guest told from a hidden userType by #EXT#")
    void users() {
        sandbox.graph.users().put(ALICE, "Alice Smith", "alice@contoso.com", "Member");
        sandbox.graph.users().put("33333333-3333-4333-8333-333333333333", "Gail",
                "gail_fabrikam.com#EXT#@contoso.onmicrosoft.com", null);
        GraphUserDirectory directory = new GraphUserDirectory(Lazy.of(() -> GraphClients.create(
                sandbox.graph.graphBaseUrl(), sandbox.credential, Duration.ofSeconds(10))));

        assertThat(directory.user(ALICE)).satisfies(user -> {
            assertThat(user.userType()).isEqualTo("Member");
            assertThat(user.guest()).contains(false);
        });
        assertThat(directory.user("33333333-3333-4333-8333-333333333333").guest()).contains(true);
    }
}
