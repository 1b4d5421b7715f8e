package io.kvrotator.provider.cognitiveservices;

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
 * Proves an Azure AI services key on the account's data plane: a GET of the verification URL with the key in the
 * {@code api-key} header (Azure OpenAI) and the {@code Ocp-Apim-Subscription-Key} header (every Azure AI service)
 * must be answered 2xx. The key goes only into those headers, never into a message.
 */
final class CognitiveKeyVerifier {

    private static final HttpHeaderName API_KEY = HttpHeaderName.fromString("api-key");
    private static final HttpHeaderName SUBSCRIPTION_KEY = HttpHeaderName.fromString("Ocp-Apim-Subscription-Key");

    private final String urlTemplate;
    private final HttpPipeline pipeline;

    /** @param urlTemplate e.g. {@code https://{account}.openai.azure.com/openai/models?api-version=2024-10-21} */
    CognitiveKeyVerifier(String urlTemplate, HttpClient httpClient) {
        if (!urlTemplate.contains("{account}")) {
            throw new IllegalArgumentException("verification URL template must contain {account}: " + urlTemplate);
        }
        this.urlTemplate = urlTemplate;
        this.pipeline = new HttpPipelineBuilder().httpClient(httpClient).build();
    }

    /** Returns normally when the endpoint accepts the key; throws {@link HttpResponseException} when it does not. */
    void verify(ArmResourceId account, SecretValue key) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, urlTemplate.replace("{account}", account.name()))
                .setHeader(API_KEY, key.reveal())
                .setHeader(SUBSCRIPTION_KEY, key.reveal())
                .setHeader(HttpHeaderName.ACCEPT, "application/json");
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            if (status < 200 || status > 299) {
                throw new HttpResponseException("the data plane of Azure AI services account " + account.name()
                        + " refused the key (status " + status + ")", response);
            }
        }
    }
}
