package io.kvrotator.infra;

import static io.kvrotator.infra.PolicyFlips.TEMPLATES;
import static io.kvrotator.infra.PolicyFlips.violations;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The custom key-operator roles of the Redis and Cosmos DB providers: exactly listKeys and regenerateKey, assigned
 * on each cache or account an onboarded vault rotates, and nowhere broader; each alteration is caught.
 */
class KeyOperatorRolesTest {

    private static final String ROLES = "modules/rotatorRoles.bicep";
    private static final String ONBOARDED = "modules/managedVault.bicep";
    private static final String REDIS = "modules/redisKeyOperator.bicep";
    private static final String COSMOS = "modules/cosmosDbKeyOperator.bicep";

    @Test
    @DisplayName("the templates assign both roles, each with exactly its two actions")
    void passes() {
        assertThat(TEMPLATES.files()).containsKeys(REDIS, COSMOS);
        assertThat(violations(TEMPLATES)).isEmpty();
    }

    @Test
    @DisplayName("fail when the Redis key operator may also delete caches")
    void redisRoleMayDelete() {
        assertThat(violations(TEMPLATES.replaceFirst(ROLES, "          'Microsoft.Cache/redis/regenerateKey/action'\n",
                "          'Microsoft.Cache/redis/regenerateKey/action'\n          'Microsoft.Cache/redis/delete'\n")))
                .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Redis Key Operator")
                        .contains("Microsoft.Cache/redis/delete"));
    }

    @Test
    @DisplayName("fail when the Cosmos DB key operator lacks regenerateKey")
    void cosmosRoleCannotRegenerate() {
        assertThat(violations(TEMPLATES.replaceFirst(ROLES,
                "          'Microsoft.DocumentDB/databaseAccounts/regenerateKey/action'\n", "")))
                .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Cosmos DB Key Operator")
                        .contains("must grant exactly"));
    }

    @Test
    @DisplayName("fail when the Redis key operator is assigned on the resource group instead of the cache")
    void redisRoleOnTheResourceGroup() {
        assertThat(violations(TEMPLATES.replaceFirst(REDIS, "  scope: cache\n", "")))
                .anySatisfy(v -> assertThat(v).contains("assigns kv-rotator Redis Key Operator on the whole resource"
                        + " group").contains("Microsoft.Cache/redis"));
    }

    @Test
    @DisplayName("fail when no Cosmos DB account in rotates gets its key operator")
    void cosmosRoleNeverAssigned() {
        assertThat(violations(TEMPLATES.replaceFirst(ONBOARDED, "module cosmosDbKeyOperators 'cosmosDbKeyOperator.bicep'",
                "module cosmosDbKeyOperators 'redisKeyOperator.bicep'")))
                .anySatisfy(v -> assertThat(v).contains("nothing assigns kv-rotator Cosmos DB Key Operator"));
    }
}
