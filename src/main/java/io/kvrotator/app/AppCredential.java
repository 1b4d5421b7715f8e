package io.kvrotator.app;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.util.Map;

/**
 * The app's identity. In Azure the Functions platform sets {@code IDENTITY_ENDPOINT}: the managed identity is used
 * directly, so a cold start does not probe the chain of {@code DefaultAzureCredential} (environment, workload
 * identity, then managed identity). Elsewhere (a developer's machine) the chain finds the Azure CLI or IDE login.
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
            return new DefaultAzureCredentialBuilder().build();
        }
        ManagedIdentityCredentialBuilder managedIdentity = new ManagedIdentityCredentialBuilder();
        String clientId = environment.get(CLIENT_ID);
        if (clientId != null && !clientId.isBlank()) {
            managedIdentity.clientId(clientId.trim());
        }
        return managedIdentity.build();
    }
}
