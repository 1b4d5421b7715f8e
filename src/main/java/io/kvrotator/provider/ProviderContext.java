package io.kvrotator.provider;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.kvrotator.support.Lazy;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretStore;
import java.time.Clock;

/**
 * What every provider may be built from: the app's identity and HTTP client, the cloud's endpoints, and the
 * verification retry all providers share.
 *
 * @param resourceManagerEndpoint e.g. {@code https://management.azure.com/}
 * @param graphEndpoint           e.g. {@code https://graph.microsoft.com/v1.0}
 * @param graph                   the Graph client, built on first use
 * @param secrets                 the app's Key Vault port, for providers that read a secret of their own (an
 *                                administrative password for local runs); never a credential in settings
 */
public record ProviderContext(TokenCredential credential, HttpClient httpClient, String resourceManagerEndpoint,
                              String graphEndpoint, Lazy<GraphServiceClient> graph, Retry verifyRetry, Clock clock,
                              SecretStore secrets) {

    /** For building {@code azure-resourcemanager-*} managers against the configured Resource Manager endpoint. */
    public ArmAccess arm() {
        return ArmAccess.of(resourceManagerEndpoint, credential, httpClient);
    }
}
