package io.kvrotator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.sandbox.AzureRoles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The access review's decisions, over an in-memory RBAC source and directory. */
class AccessReviewTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final String VAULT = "kv-dev-payments";
    private static final String RESOURCE_GROUP = FakeRbac.SUBSCRIPTION + "/resourceGroups/rg-payments";
    private static final String VAULT_ID = RESOURCE_GROUP + "/providers/Microsoft.KeyVault/vaults/" + VAULT;
    private static final String MANAGEMENT_GROUP = "/providers/Microsoft.Management/managementGroups/mg-contoso";
    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";
    private static final String GUEST = "33333333-3333-4333-8333-333333333333";
    private static final String OWN_IDENTITY = "44444444-4444-4444-8444-444444444444";
    private static final String PIPELINE = "55555555-5555-4555-8555-555555555555";
    private static final String STRANGER_APP = "66666666-6666-4666-8666-666666666666";

    private FakeRbac rbac;
    private final Map<String, DirectoryUser> users = new HashMap<>();

    @BeforeEach
    void vault() {
        rbac = new FakeRbac();
        rbac.vaults.put(VAULT_ID.toLowerCase(), new VaultFacts(VAULT_ID, true, List.of("payments-team@contoso.com"), 0));
        users.put(ALICE, new DirectoryUser(ALICE, "Alice Smith", "alice@contoso.com", "Member"));
        users.put(BOB, new DirectoryUser(BOB, "Bob Jones", "bob@contoso.com", "Member"));
        users.put(GUEST, new DirectoryUser(GUEST, "Gail Guest", "gail_fabrikam.com#EXT#@contoso.onmicrosoft.com",
                "Guest"));
    }

    @Test
    @DisplayName("a person's standing Key Vault Secrets User on the vault is a finding citing 'eligible, not standing'")
    void standingSecretsUser() {
        rbac.standing(ALICE, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);

        VaultReview review = review();

        assertThat(review.findings()).singleElement().isInstanceOfSatisfying(
                AccessFinding.StandingSecretReader.class, finding -> {
                    assertThat(finding.reader().holder().userPrincipalName()).isEqualTo("alice@contoso.com");
                    assertThat(finding.policy()).isEqualTo(PolicyLine.PIM_NOT_STANDING);
                    assertThat(finding.describe()).contains("Key Vault Secrets User on the vault");
                });
        assertThat(review.complete()).isTrue();
    }

    @Test
    @DisplayName("a PIM-eligible Secrets User and one activated through PIM are readers, and no finding")
    void eligibleAndActivated() {
        rbac.eligible(ALICE, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);
        rbac.activated(BOB, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_OFFICER.guid(), VAULT_ID,
                NOW.plusSeconds(3600));

        VaultReview review = review();

        assertThat(review.findings()).isEmpty();
        assertThat(review.readers()).extracting(reader -> reader.holder().principalId(), Reader::access)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ALICE, Access.ELIGIBLE),
                        org.assertj.core.groups.Tuple.tuple(BOB, Access.ACTIVATED));
    }

    @Test
    @DisplayName("a vault in access-policy mode is a finding; RBAC data roles read nothing there")
    void accessPolicyMode() {
        rbac.vaults.put(VAULT_ID.toLowerCase(), new VaultFacts(VAULT_ID, false, List.of(), 2));
        rbac.standing(ALICE, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);

        VaultReview review = review();

        assertThat(review.findings()).singleElement().isInstanceOfSatisfying(AccessFinding.AccessPolicyMode.class,
                finding -> {
                    assertThat(finding.accessPoliciesReadingSecrets()).isEqualTo(2);
                    assertThat(finding.policy()).isEqualTo(PolicyLine.PIM_NOT_STANDING);
                });
        assertThat(review.rbacAuthorization()).isFalse();
    }

    @Test
    @DisplayName("an Owner inherited from the subscription reads nothing itself but is standing privileged access")
    void inheritedOwner() {
        rbac.standing(BOB, PrincipalKind.USER, AzureRoles.OWNER.guid(), FakeRbac.SUBSCRIPTION);

        VaultReview review = review();

        assertThat(review.readers()).singleElement().satisfies(reader -> {
            assertThat(reader.readsSecrets()).isFalse();
            assertThat(reader.canGrantItself()).isTrue();
            assertThat(reader.level()).isEqualTo(ScopeLevel.SUBSCRIPTION);
        });
        assertThat(review.findings()).singleElement().isInstanceOfSatisfying(
                AccessFinding.StandingPrivilegedAccess.class, finding -> assertThat(finding.describe())
                        .contains("Owner inherited from the subscription"));
    }

    @Test
    @DisplayName("Contributor on the resource group is nothing on an RBAC vault, privileged on an access-policy one")
    void contributor() {
        rbac.standing(BOB, PrincipalKind.USER, AzureRoles.CONTRIBUTOR.guid(), RESOURCE_GROUP);

        assertThat(review().readers()).isEmpty();

        rbac.vaults.put(VAULT_ID.toLowerCase(), new VaultFacts(VAULT_ID, false, List.of(), 0));
        assertThat(review().findings()).hasAtLeastOneElementOfType(AccessFinding.StandingPrivilegedAccess.class)
                .hasAtLeastOneElementOfType(AccessFinding.AccessPolicyMode.class);
    }

    @Test
    @DisplayName("User Access Administrator from a management group counts as inherited privileged access")
    void managementGroup() {
        rbac.standing(BOB, PrincipalKind.USER, AzureRoles.USER_ACCESS_ADMINISTRATOR.guid(), MANAGEMENT_GROUP);

        assertThat(review().findings()).singleElement().isInstanceOfSatisfying(
                AccessFinding.StandingPrivilegedAccess.class, finding -> {
                    assertThat(finding.reader().level()).isEqualTo(ScopeLevel.MANAGEMENT_GROUP);
                    assertThat(finding.reader().level().inherited()).isTrue();
                });
    }

    @Test
    @DisplayName("a guest is a finding even when only eligible, citing 'only developers and infrastructure engineers'")
    void guest() {
        rbac.eligible(GUEST, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);

        assertThat(review().findings()).singleElement().isInstanceOfSatisfying(AccessFinding.GuestAccess.class,
                finding -> assertThat(finding.policy()).isEqualTo(PolicyLine.ONLY_DEVELOPERS_AND_ENGINEERS));
    }

    @Test
    @DisplayName("an unexpected service principal is a finding; the function's own identity and expected ones are not")
    void servicePrincipals() {
        rbac.standing(OWN_IDENTITY, PrincipalKind.SERVICE_PRINCIPAL, AzureRoles.KEY_VAULT_SECRETS_OFFICER.guid(),
                VAULT_ID);
        rbac.standing(PIPELINE, PrincipalKind.SERVICE_PRINCIPAL, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);
        rbac.standing(STRANGER_APP, PrincipalKind.SERVICE_PRINCIPAL, AzureRoles.KEY_VAULT_SECRETS_USER.guid(),
                RESOURCE_GROUP);

        assertThat(review().findings()).singleElement().isInstanceOfSatisfying(
                AccessFinding.UnexpectedServicePrincipal.class, finding -> {
                    assertThat(finding.reader().holder().principalId()).isEqualTo(STRANGER_APP);
                    assertThat(finding.policy()).isEqualTo(PolicyLine.LEAST_PRIVILEGE);
                });
    }

    @Test
    @DisplayName("custom roles are resolved: getSecret or * in data actions reads; vaults/*/read or a notDataAction does not")
    void customRoles() {
        String getSecret = rbac.customRole("Payments secret reader", new Grant(List.of(), List.of(),
                List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action"), List.of()));
        String everything = rbac.customRole("Everything", new Grant(List.of(), List.of(), List.of("*"), List.of()));
        String readOnly = rbac.customRole("Metadata reader", new Grant(List.of(), List.of(),
                List.of("Microsoft.KeyVault/vaults/*/read"), List.of()));
        String allButValues = rbac.customRole("All but values", new Grant(List.of(), List.of(),
                List.of("Microsoft.KeyVault/vaults/secrets/*"), List.of(RoleDefinition.READ_SECRET)));
        rbac.standing(ALICE, PrincipalKind.USER, getSecret, VAULT_ID);
        rbac.standing(BOB, PrincipalKind.USER, everything, RESOURCE_GROUP);
        rbac.standing(ALICE, PrincipalKind.USER, readOnly, VAULT_ID);
        rbac.standing(BOB, PrincipalKind.USER, allButValues, VAULT_ID);
        rbac.standing(BOB, PrincipalKind.USER, AzureRoles.KEY_VAULT_READER.guid(), VAULT_ID);

        assertThat(review().findings()).extracting(finding -> ((AccessFinding.StandingSecretReader) finding).reader()
                .roleName()).containsExactlyInAnyOrder("Payments secret reader", "Everything");
    }

    @Test
    @DisplayName("a role on one secret is listed at that secret; a group's standing access is a finding too")
    void secretScopeAndGroup() {
        rbac.standing("77777777-7777-4777-8777-777777777777", PrincipalKind.GROUP,
                AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID + "/secrets/PAYMENTS-STORAGE-KEY");

        VaultReview review = review();

        assertThat(review.readers()).singleElement().satisfies(reader ->
                assertThat(reader.level()).isEqualTo(ScopeLevel.SECRET));
        assertThat(review.findings()).singleElement().isInstanceOf(AccessFinding.StandingSecretReader.class);
    }

    @Test
    @DisplayName("when PIM's schedules are refused the access is unknown: reported as not checked, no finding, not fine")
    void pimRefused() {
        rbac.standing(ALICE, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);
        rbac.refused.add("activeSchedules");

        VaultReview review = review();

        assertThat(review.readers()).singleElement().extracting(Reader::access).isEqualTo(Access.UNKNOWN);
        assertThat(review.findings()).isEmpty();
        assertThat(review.complete()).isFalse();
        assertThat(review.couldNotCheck()).singleElement().asString().startsWith("could not check PIM's role"
                + " assignment schedule instances").contains("403");
    }

    @Test
    @DisplayName("a user Graph does not describe, or describes without userType, is reported as not checked")
    void unknownUser() {
        users.remove(ALICE);
        users.put(BOB, new DirectoryUser(BOB, "Bob Jones", "bob@contoso.com", null));
        rbac.eligible(ALICE, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);
        rbac.eligible(BOB, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);

        VaultReview review = review();

        assertThat(review.findings()).isEmpty();
        assertThat(review.couldNotCheck()).hasSize(2).anySatisfy(gap -> assertThat(gap)
                .contains("whether user " + ALICE + " is a guest")).anySatisfy(gap -> assertThat(gap)
                .contains("returned no userType (the identity needs User.Read.All)"));
    }

    @Test
    @DisplayName("a role definition that cannot be read leaves its holders unknown and the review incomplete")
    void definitionRefused() {
        rbac.standing(ALICE, PrincipalKind.USER, AzureRoles.KEY_VAULT_SECRETS_USER.guid(), VAULT_ID);
        rbac.refused.add("roleDefinition");

        VaultReview review = review();

        assertThat(review.readers()).isEmpty();
        assertThat(review.couldNotCheck()).singleElement().asString().contains("role definition "
                + AzureRoles.KEY_VAULT_SECRETS_USER.guid()).contains("what its holders may do is unknown");
    }

    @Test
    @DisplayName("a managed vault without a resource ID is not checked at all, and says why")
    void noResourceId() {
        AccessReview review = new AccessReview(rbac, users::get, new AccessReviewPolicy(List.of(VAULT, "kv-dev-other"),
                Map.of(VAULT, VAULT_ID), Set.of(), OWN_IDENTITY), Clock.fixed(NOW, ZoneOffset.UTC));

        AccessReviewReport report = review.reviewAll();

        assertThat(report.complete()).isFalse();
        assertThat(report.vaults().get(1).couldNotCheck()).singleElement().asString()
                .contains("ROTATOR_VAULT_RESOURCE_IDS gives no resource ID for it");
    }

    private VaultReview review() {
        AccessReview review = new AccessReview(rbac, id -> {
            DirectoryUser user = users.get(id);
            if (user == null) {
                throw new IllegalStateException("status=404 code=Request_ResourceNotFound");
            }
            return user;
        }, new AccessReviewPolicy(List.of(VAULT), Map.of(VAULT, VAULT_ID), Set.of(PIPELINE), OWN_IDENTITY),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return review.review(List.of(VAULT)).vaults().get(0);
    }
}
