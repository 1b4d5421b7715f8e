package io.kvrotator.vault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link SecretClient} per vault, built on first use and shared, over one HTTP client. */
public final class SecretClients {

    private final String vaultUrlTemplate;
    private final TokenCredential credential;
    private final HttpClient httpClient;
    private final int writesPer10s;
    private final int othersPer10s;
    private final Map<String, SecretClient> byVault = new ConcurrentHashMap<>();

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
    }

    public SecretClient forVault(String vault) {
        return byVault.computeIfAbsent(vault, this::build);
    }

    public String vaultUrl(String vault) {
        return vaultUrlTemplate.replace("{vault}", vault);
    }

    private SecretClient build(String vault) {
        String url = vaultUrl(vault);
        SecretClientBuilder builder = new SecretClientBuilder()
                .vaultUrl(url)
                .credential(credential)
                .httpClient(httpClient)
                .addPolicy(VaultRateLimitPolicy.keyVaultLimits(writesPer10s, othersPer10s));
        // The challenge names the vault's resource domain, which a loopback host can never be a subdomain of.
        if (isLoopback(url)) {
            builder.disableChallengeResourceVerification();
        }
        return builder.buildClient();
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
