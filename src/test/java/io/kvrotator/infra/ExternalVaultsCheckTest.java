package io.kvrotator.infra;

import static io.kvrotator.infra.PolicyFlips.DEV;
import static io.kvrotator.infra.PolicyFlips.TEMPLATES;
import static io.kvrotator.infra.PolicyFlips.violations;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Onboarding existing vaults through a parameters file: two vaults in other resource groups, and what breaks it. */
class ExternalVaultsCheckTest {

    private static final String ANCHOR = "param managedApplicationIds = []";
    private static final String SUB = "8c4f1b2e-0000-4000-8000-00000000c0de";
    private static final String SHARED = """
              {
                subscriptionId: '%s'
                resourceGroup: 'rg-dev-shared'
                name: 'ofq-kv-dev-common'
                systemTopicName: 'evgt-ofq-kv-dev-common'
                rotates: [
                  '/subscriptions/%s/resourceGroups/rg-dev-shared/providers/Microsoft.Storage/storageAccounts/stdevshared'
                ]
              }
            """.formatted(SUB, SUB);
    private static final String ORDERS = """
              {
                subscriptionId: '%s'
                resourceGroup: 'rg-dev-orders'
                name: 'kv-dev-orders'
                systemTopicName: 'kv-dev-orders-events'
                rotates: [
                  'app:0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'
                ]
              }
            """.formatted(SUB);

    private static InfraSources onboarding(String... vaults) {
        return TEMPLATES.replaceFirst(DEV, ANCHOR, ANCHOR + "\nparam externalVaults = [\n" + String.join("", vaults)
                + "]");
    }

    @Test
    @DisplayName("two existing vaults in other resource groups, the shared one among them, pass")
    void twoVaultsPass() {
        assertThat(violations(onboarding(SHARED, ORDERS))).isEmpty();
    }

    @Test
    @DisplayName("fail when an entry names no system topic")
    void topicMissing() {
        assertThat(violations(onboarding(SHARED, ORDERS.replace("systemTopicName: 'kv-dev-orders-events'",
                "systemTopicName: ''"))))
                .anySatisfy(v -> assertThat(v).contains("externalVaults entry kv-dev-orders: systemTopicName is empty"));
    }

    @Test
    @DisplayName("fail when rotates holds something that is neither a resource ID nor app:{objectId}")
    void badRotatesEntry() {
        assertThat(violations(onboarding(SHARED, ORDERS.replace("'app:0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'",
                "'stdevshared'"))))
                .anySatisfy(v -> assertThat(v).contains("rotates holds 'stdevshared'"));
    }

    @Test
    @DisplayName("fail when a vault is listed twice or an entry lacks a field")
    void duplicateAndMissingField() {
        assertThat(violations(onboarding(SHARED, SHARED.replace("    resourceGroup: 'rg-dev-shared'\n", ""))))
                .anySatisfy(v -> assertThat(v).contains("externalVaults entry ofq-kv-dev-common is listed twice"))
                .anySatisfy(v -> assertThat(v).contains("externalVaults entry ofq-kv-dev-common has no resourceGroup"));
    }
}
