package io.kvrotator.provider;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * What an {@code azure-resourcemanager-*} manager is built from: the app's identity and HTTP client, and the cloud
 * whose Resource Manager endpoint the settings name. Every ARM-based provider authenticates its manager with
 * {@link #credential()} and {@link #profile(String)}.
 */
public record ArmAccess(TokenCredential credential, HttpClient httpClient, AzureEnvironment environment) {

    /** @param resourceManagerEndpoint e.g. {@code https://management.azure.com/} */
    public static ArmAccess of(String resourceManagerEndpoint, TokenCredential credential, HttpClient httpClient) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", resourceManagerEndpoint);
        return new ArmAccess(credential, httpClient, new AzureEnvironment(endpoints));
    }

    public AzureProfile profile(String subscriptionId) {
        return new AzureProfile(null, subscriptionId, environment);
    }

    /** A per-subscription cache of the managers {@code builder} makes. */
    public <M> ArmManagers<M> managers(ArmManagers.Builder<M> builder) {
        return new ArmManagers<>(this, builder);
    }
}
