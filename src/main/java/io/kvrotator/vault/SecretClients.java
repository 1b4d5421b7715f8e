package io.kvrotator.vault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.kvrotator.support.Lazy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per vault, built on first use and shared, over one HTTP client: a {@link SecretClient}, and a pipeline for the
 * list calls the sweep makes ({@link VaultListing}). Both go through the vault's one {@link VaultRateLimitPolicy}, so
 * listing and rotating share the vault's budget.
 */
public final class SecretClients {

    private final String vaultUrlTemplate;
    private final TokenCredential credential;
    private final HttpClient httpClient;
    private final int writesPer10s;
    private final int othersPer10s;
    /** One token cache for every vault's list calls: they all present the same Key Vault audience. */
    private final BearerTokenAuthenticationPolicy listAuthentication;
    private final Map<String, Vault> byVault = new ConcurrentHashMap<>();

    /**
     * @param vaultUrlTemplate a URL with {@code {vault}} in it, e.g. {@code https://{vault}.vault.azure.net}
     * @param writesPer10s     Key Vault's limit on secret writes per vault per 10 seconds
     * @param othersPer10s     and on other operations
     */
    public SecretClients(String vaultUrlTemplate, TokenCredential credential, HttpClient httpClient,
                         int writesPer10s, int othersPer10s) {
        if (!vaultUrlTemplate.contains("{vault}")) {
            throw new IllegalArgumentException("vault URL template must contain {vault}: " + vaultUrlTemplate);
        }
        this.vaultUrlTemplate = vaultUrlTemplate;
        this.credential = credential;
        this.httpClient = httpClient;
        this.writesPer10s = writesPer10s;
        this.othersPer10s = othersPer10s;
        this.listAuthentication = new BearerTokenAuthenticationPolicy(credential, scope(vaultUrlTemplate));
    }

    /** The secret client is built when first asked for: a sweep lists most vaults without reading any secret. */
    private record Vault(Lazy<SecretClient> secrets, HttpPipeline lists) {
    }

    public SecretClient forVault(String vault) {
        return vault(vault).secrets().get();
    }

    /** Every entry of the vault's {@code collection} list; no values. */
    List<ListedItem> list(String vault, VaultCollection collection) {
        return VaultListing.list(vault(vault).lists(), vaultUrl(vault), vault, collection);
    }

    public String vaultUrl(String vault) {
        return vaultUrlTemplate.replace("{vault}", vault);
    }

    private Vault vault(String vault) {
        return byVault.computeIfAbsent(vault, this::build);
    }

    private Vault build(String vault) {
        String url = vaultUrl(vault);
        VaultRateLimitPolicy limits = VaultRateLimitPolicy.keyVaultLimits(writesPer10s, othersPer10s);
        HttpPipeline lists = new HttpPipelineBuilder()
                .httpClient(httpClient)
                .policies(new RequestIdPolicy(), new RetryPolicy(), listAuthentication, limits)
                .build();
        return new Vault(Lazy.of(() -> secretClient(url, limits)), lists);
    }

    private SecretClient secretClient(String url, VaultRateLimitPolicy limits) {
        SecretClientBuilder builder = new SecretClientBuilder()
                .vaultUrl(url)
                .credential(credential)
                .httpClient(httpClient)
                .addPolicy(limits);
        // The challenge names the vault's resource domain, which a loopback host can never be a subdomain of.
        if (isLoopback(url)) {
            builder.disableChallengeResourceVerification();
        }
        return builder.buildClient();
    }

    /**
     * The Key Vault resource of the vault URLs: {@code https://{vault}.vault.azure.net} gives
     * {@code https://vault.azure.net/.default}; a path-style (loopback) template gets the public cloud's.
     */
    static String scope(String vaultUrlTemplate) {
        String resource = vaultUrlTemplate.contains("//{vault}.")
                ? vaultUrlTemplate.replace("{vault}.", "").replaceAll("/+$", "") : "https://vault.azure.net";
        return resource + "/.default";
    }

    static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }
}
