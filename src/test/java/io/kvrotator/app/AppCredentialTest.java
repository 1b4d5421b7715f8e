package io.kvrotator.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.identity.ChainedTokenCredential;
import com.azure.identity.ManagedIdentityCredential;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppCredentialTest {

    @Test
    @DisplayName("in Azure (IDENTITY_ENDPOINT set) the managed identity is used directly, not the credential chain")
    void managedIdentityInAzure() {
        assertThat(AppCredential.from(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:41741/msi/token")))
                .isInstanceOf(ManagedIdentityCredential.class);
        assertThat(AppCredential.from(Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:41741/msi/token",
                "AZURE_CLIENT_ID", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"))).isInstanceOf(ManagedIdentityCredential.class);
    }

    @Test
    @DisplayName("elsewhere a chain finds a developer's login (environment, Azure CLI, azd, PowerShell)")
    void chainElsewhere() {
        assertThat(AppCredential.from(Map.of())).isInstanceOf(ChainedTokenCredential.class);
        assertThat(AppCredential.from(Map.of("IDENTITY_ENDPOINT", " "))).isInstanceOf(ChainedTokenCredential.class);
    }
}
