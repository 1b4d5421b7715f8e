package io.kvrotator.provider.containerregistry;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Verifies an admin password on the registry's Docker Registry HTTP API v2: {@code GET /v2/} with HTTP basic
 * authentication ({@code Authorization: Basic base64(username:password)}) answers 200 only for a valid credential.
 * ACR documents basic authentication with the admin user on its data plane ({@code registry_auth} in its REST
 * specification); no token exchange is needed.
 */
public final class DockerBasicAuthVerifier implements RegistryPasswordVerifier {

    private final String loginServerTemplate;
    private final HttpClient httpClient;

    /** @param loginServerTemplate e.g. {@code https://{registry}.azurecr.io} */
    public DockerBasicAuthVerifier(String loginServerTemplate, HttpClient httpClient) {
        if (!loginServerTemplate.contains("{registry}")) {
            throw new IllegalArgumentException("login server template must contain {registry}: " + loginServerTemplate);
        }
        this.loginServerTemplate = loginServerTemplate;
        this.httpClient = httpClient;
    }

    @Override
    public void verify(ArmResourceId registry, String username, SecretValue password) {
        // A login server's host is the registry name in lower case.
        String loginServer = loginServerTemplate.replace("{registry}", registry.name().toLowerCase(Locale.ROOT));
        String basic = Base64.getEncoder().encodeToString((username + ":" + password.reveal())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = new HttpRequest(HttpMethod.GET, loginServer.replaceAll("/+$", "") + "/v2/")
                .setHeader(HttpHeaderName.AUTHORIZATION, "Basic " + basic);
        try (HttpResponse response = httpClient.sendSync(request, Context.NONE)) {
            if (response.getStatusCode() != 200) {
                throw new HttpResponseException("GET /v2/ of container registry " + registry.name() + " with the"
                        + " admin password answered " + response.getStatusCode(), response);
            }
        }
    }
}
