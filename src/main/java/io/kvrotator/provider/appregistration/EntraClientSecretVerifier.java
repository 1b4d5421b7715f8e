package io.kvrotator.provider.appregistration;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;

/** Verifies a client secret by acquiring a client-credentials token with it from Entra ID (azure-identity). */
public final class EntraClientSecretVerifier implements ClientSecretVerifier {

    private final String authorityHost;
    private final String tenantId;
    private final String scope;
    private final HttpClient httpClient;

    /**
     * @param authorityHost e.g. {@code https://login.microsoftonline.com}
     * @param scope         any resource the app may ask a token for, e.g. {@code https://graph.microsoft.com/.default}
     */
    public EntraClientSecretVerifier(String authorityHost, String tenantId, String scope, HttpClient httpClient) {
        this.authorityHost = authorityHost;
        this.tenantId = tenantId;
        this.scope = scope;
        this.httpClient = httpClient;
    }

    @Override
    public void verify(String appId, SecretValue secret) {
        // A new credential per attempt: a credential answers from its token cache, and a cached token proves
        // nothing about the secret. The caller's bounded Retry decides how often to ask, not the SDK.
        new ClientSecretCredentialBuilder()
                .authorityHost(authorityHost)
                .tenantId(tenantId)
                .clientId(appId)
                .clientSecret(secret.reveal())
                .httpClient(httpClient)
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)))
                // The authority comes from our settings; discovery would only check it against Microsoft's list.
                .disableInstanceDiscovery()
                .build()
                .getTokenSync(new TokenRequestContext().addScopes(scope));
    }
}
