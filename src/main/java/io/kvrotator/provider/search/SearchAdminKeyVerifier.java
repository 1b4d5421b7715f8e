package io.kvrotator.provider.search;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;

/**
 * Proves a search admin key on the service's data plane: Get Service Statistics
 * ({@code GET {endpoint}/servicestats?api-version=2024-07-01}) with the key in the {@code api-key} header must be
 * answered 2xx. Only an admin key may read the statistics, so a query key does not pass. The key goes only into
 * that header, never into a message.
 */
final class SearchAdminKeyVerifier {

    static final String API_VERSION = "2024-07-01";
    private static final HttpHeaderName API_KEY = HttpHeaderName.fromString("api-key");

    private final String endpointTemplate;
    private final HttpPipeline pipeline;

    /** @param endpointTemplate e.g. {@code https://{service}.search.windows.net} */
    SearchAdminKeyVerifier(String endpointTemplate, HttpClient httpClient) {
        if (!endpointTemplate.contains("{service}")) {
            throw new IllegalArgumentException("search endpoint template must contain {service}: "
                    + endpointTemplate);
        }
        this.endpointTemplate = endpointTemplate.endsWith("/")
                ? endpointTemplate.substring(0, endpointTemplate.length() - 1) : endpointTemplate;
        this.pipeline = new HttpPipelineBuilder().httpClient(httpClient).build();
    }

    /** Returns normally when the service accepts the key; throws {@link HttpResponseException} when it does not. */
    void verify(ArmResourceId service, SecretValue key) {
        String url = endpointTemplate.replace("{service}", service.name()) + "/servicestats?api-version="
                + API_VERSION;
        HttpRequest request = new HttpRequest(HttpMethod.GET, url)
                .setHeader(API_KEY, key.reveal())
                .setHeader(HttpHeaderName.ACCEPT, "application/json");
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            if (status < 200 || status > 299) {
                throw new HttpResponseException("search service " + service.name()
                        + " refused the admin key (status " + status + ")", response);
            }
        }
    }
}
