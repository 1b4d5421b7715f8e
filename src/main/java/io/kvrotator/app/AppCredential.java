package io.kvrotator.app;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.AzureDeveloperCliCredentialBuilder;
import com.azure.identity.AzurePowerShellCredentialBuilder;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.util.Map;

/**
 * The app's identity. In Azure the Functions platform sets {@code IDENTITY_ENDPOINT}: the managed identity is used
 * directly, so a cold start does not probe a chain of credentials. Elsewhere (a developer's machine) a chain finds a
 * service principal in the environment or the Azure CLI, Azure Developer CLI or Azure PowerShell login: the developer
 * part of {@code DefaultAzureCredential} without its IDE credentials, which read the IDE's token cache through JNA
 * and token-cache persistence libraries that the package leaves out.
 */
final class AppCredential {

    static final String IDENTITY_ENDPOINT = "IDENTITY_ENDPOINT";
    /** Set only for a user-assigned identity: its client ID. */
    static final String CLIENT_ID = "AZURE_CLIENT_ID";

    private AppCredential() {
    }

    static TokenCredential from(Map<String, String> environment) {
        String endpoint = environment.get(IDENTITY_ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return new ChainedTokenCredentialBuilder()
                    .addLast(new EnvironmentCredentialBuilder().build())
                    .addLast(new AzureCliCredentialBuilder().build())
                    .addLast(new AzureDeveloperCliCredentialBuilder().build())
                    .addLast(new AzurePowerShellCredentialBuilder().build())
                    .build();
        }
        ManagedIdentityCredentialBuilder managedIdentity = new ManagedIdentityCredentialBuilder();
        String clientId = environment.get(CLIENT_ID);
        if (clientId != null && !clientId.isBlank()) {
            managedIdentity.clientId(clientId.trim());
        }
        return managedIdentity.build();
    }
}
