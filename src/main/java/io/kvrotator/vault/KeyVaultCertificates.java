package io.kvrotator.vault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists a vault's certificates (Key Vault REST {@code GET /certificates}, following {@code nextLink}) over an
 * azure-core pipeline. We do not use the certificates SDK: the version the Azure SDK BOM pins is not in our Maven
 * mirror, and one list call needs no client of its own. Only list calls: the list carries attributes and tags.
 */
public final class KeyVaultCertificates {

    static final String API_VERSION = "7.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String vaultUrlTemplate;
    private final HttpPipeline pipeline;

    public KeyVaultCertificates(String vaultUrlTemplate, TokenCredential credential, HttpClient httpClient) {
        this.vaultUrlTemplate = vaultUrlTemplate;
        this.pipeline = new HttpPipelineBuilder()
                .httpClient(httpClient)
                .policies(new RetryPolicy(), new BearerTokenAuthenticationPolicy(credential, scope(vaultUrlTemplate)))
                .build();
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

    public List<ListedCertificate> list(String vault) {
        String vaultUrl = vaultUrlTemplate.replace("{vault}", vault);
        List<ListedCertificate> certificates = new ArrayList<>();
        String url = vaultUrl + "/certificates?api-version=" + API_VERSION + "&maxresults=25";
        while (url != null) {
            JsonNode page = get(url);
            for (JsonNode item : page.path("value")) {
                certificates.add(certificate(vault, item));
            }
            String next = page.path("nextLink").isTextual() ? page.path("nextLink").asText() : null;
            if (next != null && !next.startsWith(vaultUrl + "/")) {
                // The bearer token must go to this vault only.
                throw new IllegalStateException("certificate list of " + vault + " returned a nextLink for another host");
            }
            url = next;
        }
        return certificates;
    }

    private JsonNode get(String url) {
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            String body = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            if (response.getStatusCode() != 200) {
                throw new HttpResponseException("Status code " + response.getStatusCode() + ", " + body, response);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the certificate list is not JSON", e);
        }
    }

    private static ListedCertificate certificate(String vault, JsonNode item) {
        String id = item.path("id").asText();
        String name = id.substring(id.lastIndexOf('/') + 1);
        JsonNode attributes = item.path("attributes");
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.path("tags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            tags.put(tag.getKey(), tag.getValue().asText());
        }
        return new ListedCertificate(vault, name, attributes.path("enabled").asBoolean(true),
                epoch(attributes.path("nbf")), epoch(attributes.path("exp")), tags);
    }

    private static Instant epoch(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }
}
