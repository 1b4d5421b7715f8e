package io.kvrotator.graph;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import java.net.URI;
import java.time.Duration;

/** Builds the Graph client for a configured endpoint (national clouds, or a loopback stand-in). */
public final class GraphClients {

    private GraphClients() {
    }

    /**
     * @param graphEndpoint e.g. {@code https://graph.microsoft.com/v1.0}
     */
    public static GraphServiceClient create(String graphEndpoint, TokenCredential credential, Duration timeout) {
        URI endpoint = URI.create(graphEndpoint);
        // The token goes only to the configured host: the SDK's default allow-list names the public cloud's hosts.
        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(credential,
                new String[] {endpoint.getHost()}, defaultScope(graphEndpoint));
        GraphServiceClient client = new GraphServiceClient(authentication, GraphClientFactory.create()
                .addInterceptor(SentOnce.interceptor()).connectTimeout(timeout).readTimeout(timeout)
                .writeTimeout(timeout).build());
        client.getRequestAdapter().setBaseUrl(graphEndpoint.endsWith("/")
                ? graphEndpoint.substring(0, graphEndpoint.length() - 1) : graphEndpoint);
        return client;
    }

    /** The {@code .default} scope of a Graph endpoint, e.g. {@code https://graph.microsoft.com/.default}. */
    public static String defaultScope(String graphEndpoint) {
        URI endpoint = URI.create(graphEndpoint);
        return endpoint.getScheme() + "://" + endpoint.getHost() + "/.default";
    }
}
