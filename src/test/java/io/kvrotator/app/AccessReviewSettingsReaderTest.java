package io.kvrotator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.accessreview.AccessReviewPolicy;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The access review's settings: vault resource IDs within the allow-list, object IDs, and off when unset. */
class AccessReviewSettingsReaderTest {

    private static final String VAULT_ID = "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de/resourceGroups/"
            + "rg-vaults/providers/Microsoft.KeyVault/vaults/kv-dev-app";

    @Test
    @DisplayName("unset, the review is off; every managed vault is still listed")
    void offByDefault() {
        AccessReviewPolicy policy = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app")).accessReview();

        assertThat(policy.enabled()).isFalse();
        assertThat(policy.vaults()).containsExactly("kv-dev-app");
    }

    @Test
    @DisplayName("resource IDs by vault name (any case), the own identity and the expected principals are expected")
    void read() {
        AccessReviewPolicy policy = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app,kv-dev-common",
                "ROTATOR_VAULT_RESOURCE_IDS", VAULT_ID.replace("kv-dev-app", "KV-DEV-APP"),
                "ROTATOR_IDENTITY_OBJECT_ID", "0F1E2D3C-0000-4000-8000-00000000BEEF",
                "ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS", "b8b8b8b8-0000-4000-8000-000000000008")).accessReview();

        assertThat(policy.enabled()).isTrue();
        assertThat(policy.resourceIdOf("kv-dev-app")).isPresent();
        assertThat(policy.resourceIdOf("kv-dev-common")).isEmpty();
        assertThat(policy.expected("0f1e2d3c-0000-4000-8000-00000000beef")).isTrue();
        assertThat(policy.expected("B8B8B8B8-0000-4000-8000-000000000008")).isTrue();
        assertThat(policy.expected("a7a7a7a7-0000-4000-8000-000000000007")).isFalse();
    }

    @Test
    @DisplayName("a vault ID that is no Key Vault ID, one outside the allow-list and a malformed object ID stop start-up")
    void invalid() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_VAULT_RESOURCE_IDS", VAULT_ID + ",/subscriptions/x/resourceGroups/rg/providers/Microsoft"
                        + ".Storage/storageAccounts/st," + VAULT_ID.replace("kv-dev-app", "kv-dev-other"),
                "ROTATOR_IDENTITY_OBJECT_ID", "me",
                "ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS", "pipeline")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_VAULT_RESOURCE_IDS must list Key Vault resource IDs")
                .hasMessageContaining("ROTATOR_VAULT_RESOURCE_IDS names vault kv-dev-other, which is not in"
                        + " ROTATOR_ALLOWED_VAULTS")
                .hasMessageContaining("ROTATOR_IDENTITY_OBJECT_ID must be an object ID (a GUID), got 'me'")
                .hasMessageContaining("ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS must list object IDs (GUIDs),"
                        + " got 'pipeline'");
    }
}
