package io.kvrotator.infra;

import static io.kvrotator.infra.PolicyFlips.TEMPLATES;
import static io.kvrotator.infra.PolicyFlips.replaceAfter;
import static io.kvrotator.infra.PolicyFlips.violations;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The roles of the access review and the permission preflight: the Access Reviewer reads access control and the
 * vault only, on each managed vault; the Storage Permission Reader lists permissions only, on each rotated storage
 * account; every key operator can list the function's permissions. Each alteration is caught.
 */
class AccessReviewRolesTest {

    private static final String ROLES = "modules/rotatorRoles.bicep";
    private static final String ONBOARDED = "modules/managedVault.bicep";
    private static final String STORAGE = "modules/storageKeyOperator.bicep";

    @Test
    @DisplayName("the templates assign both roles where they belong, with exactly their reads")
    void passes() {
        assertThat(violations(TEMPLATES)).isEmpty();
    }

    @Test
    @DisplayName("fail when the access reviewer may also write role assignments")
    void reviewerMayWrite() {
        assertThat(violations(replaceAfter(ROLES, "resource accessReviewer", "          'Microsoft.KeyVault/vaults/read'\n",
                "          'Microsoft.KeyVault/vaults/read'\n          'Microsoft.Authorization/roleAssignments/write'\n")))
                .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Access Reviewer")
                        .contains("Microsoft.Authorization/roleAssignments/write"));
    }

    @Test
    @DisplayName("fail when the access reviewer may read secret values")
    void reviewerMayReadSecrets() {
        assertThat(violations(replaceAfter(ROLES, "resource accessReviewer", "        dataActions: []\n",
                "        dataActions: [\n          'Microsoft.KeyVault/vaults/secrets/getSecret/action'\n        ]\n")))
                .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Access Reviewer").contains("getSecret"));
    }

    @Test
    @DisplayName("fail when the access reviewer is assigned on an onboarded vault's resource group")
    void reviewerOnResourceGroup() {
        assertThat(violations(replaceAfter(ONBOARDED, "resource functionAccessReviewer", "  scope: vault\n", "")))
                .anySatisfy(v -> assertThat(v).contains("assigns kv-rotator Access Reviewer on the whole resource group"));
    }

    @Test
    @DisplayName("fail when a key operator cannot list the function's own permissions (the preflight)")
    void keyOperatorWithoutPermissionsRead() {
        assertThat(violations(replaceAfter(ROLES, "resource redisKeyOperator",
                "          'Microsoft.Authorization/permissions/read'\n", "")))
                .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Redis Key Operator")
                        .contains("must grant exactly"));
    }

    @Test
    @DisplayName("fail when no storage account gets the storage permission reader")
    void storagePermissionReaderNeverAssigned() {
        String text = TEMPLATES.get(STORAGE);
        assertThat(violations(TEMPLATES.with(STORAGE, text.substring(0, text.indexOf("resource permissionReader")))))
                .anySatisfy(v -> assertThat(v).contains("nothing assigns kv-rotator Storage Permission Reader"));
    }
}
