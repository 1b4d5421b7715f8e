package io.kvrotator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Actions and data actions allowed as Azure RBAC evaluates them: wildcards, case, notActions, planes apart. */
class GrantTest {

    private static final String GET_SECRET = RoleDefinition.READ_SECRET;

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "*, Microsoft.KeyVault/vaults/secrets/getSecret/action, true",
            "Microsoft.KeyVault/vaults/secrets/*, Microsoft.KeyVault/vaults/secrets/getSecret/action, true",
            "Microsoft.KeyVault/vaults/*, Microsoft.KeyVault/vaults/secrets/getSecret/action, true",
            "Microsoft.KeyVault/*/getSecret/action, Microsoft.KeyVault/vaults/secrets/getSecret/action, true",
            "microsoft.keyvault/VAULTS/secrets/GETSECRET/action, Microsoft.KeyVault/vaults/secrets/getSecret/action, true",
            "Microsoft.KeyVault/vaults/*/read, Microsoft.KeyVault/vaults/secrets/getSecret/action, false",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action, Microsoft.KeyVault/vaults/secrets/getSecret/action, false",
            "Microsoft.KeyVault/vaults/secrets/getSecret, Microsoft.KeyVault/vaults/secrets/getSecret/action, false",
            "*/read, Microsoft.Authorization/roleAssignments/write, false",
            "Microsoft.Authorization/*, Microsoft.Authorization/roleAssignments/write, true",
            "Microsoft.Storage/storageAccounts/regenerateKey/action, Microsoft.Storage/storageAccounts/regeneratekey/action, true",
            "Microsoft.Storage/storageAccounts/listkeys/action, Microsoft.Storage/storageAccounts/regeneratekey/action, false"})
    void wildcards(String pattern, String action, boolean matches) {
        assertThat(Grant.matches(pattern, action)).isEqualTo(matches);
    }

    @Test
    @DisplayName("notActions take away what actions give, within the same block")
    void notActionsSubtract() {
        Grant contributor = new Grant(List.of("*"), List.of("Microsoft.Authorization/*/Write"), List.of(), List.of());

        assertThat(contributor.allowsAction("Microsoft.KeyVault/vaults/write")).isTrue();
        assertThat(contributor.allowsAction(RoleDefinition.ASSIGN_ROLES)).isFalse();
    }

    @Test
    @DisplayName("notDataActions take away what dataActions give")
    void notDataActionsSubtract() {
        Grant grant = new Grant(List.of(), List.of(), List.of("Microsoft.KeyVault/vaults/secrets/*"),
                List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action"));

        assertThat(grant.allowsDataAction(GET_SECRET)).isFalse();
        assertThat(grant.allowsDataAction("Microsoft.KeyVault/vaults/secrets/setSecret/action")).isTrue();
    }

    @Test
    @DisplayName("* in actions (Owner) grants no data action; * in dataActions grants them all")
    void planesApart() {
        assertThat(Grant.ofActions(List.of("*")).allowsDataAction(GET_SECRET)).isFalse();
        assertThat(new Grant(List.of(), List.of(), List.of("*"), List.of()).allowsDataAction(GET_SECRET)).isTrue();
    }

    @Test
    @DisplayName("blocks add up: a notAction in one block does not take away what another block gives")
    void blocksAddUp() {
        List<Grant> grants = List.of(new Grant(List.of("*"), List.of("Microsoft.Storage/*"), List.of(), List.of()),
                Grant.ofActions(List.of("Microsoft.Storage/storageAccounts/regeneratekey/action")));

        assertThat(Grant.anyAllowsAction(grants, "Microsoft.Storage/storageAccounts/regeneratekey/action")).isTrue();
        assertThat(Grant.anyAllowsAction(grants, "Microsoft.Storage/storageAccounts/listkeys/action")).isFalse();
    }

    @Test
    @DisplayName("missing lists read as empty, and blank entries are dropped")
    void nullsAndBlanks() {
        Grant grant = new Grant(null, null, java.util.Arrays.asList("", null), null);

        assertThat(grant.allowsAction("anything")).isFalse();
        assertThat(grant.dataActions()).isEmpty();
    }
}
