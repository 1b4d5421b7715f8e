package io.kvrotator.provider.batch;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.DateTimeRfc1123;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies a Batch account key on the account's Batch service endpoint: List Applications (one page of at most
 * one) with {@link BatchSharedKey Shared Key} authentication answers 200 only when the key is one of the account's
 * current keys. The endpoint comes from a template; its {@code {region}} is the account's ARM location.
 */
public final class SharedKeyBatchVerifier implements BatchKeyVerifier {

    /** The Batch service REST API version of the List Applications call. */
    static final String API_VERSION = "2024-07-01.20.0";
    private static final HttpHeaderName OCP_DATE = HttpHeaderName.fromString("ocp-date");

    private final String endpointTemplate;
    private final Function<ArmResourceId, String> region;
    private final HttpClient httpClient;
    private final Clock clock;

    /**
     * @param endpointTemplate e.g. {@code https://{account}.{region}.batch.azure.com}
     * @param region           the account's region, asked only when the template has {@code {region}}
     */
    public SharedKeyBatchVerifier(String endpointTemplate, Function<ArmResourceId, String> region,
                                  HttpClient httpClient, Clock clock) {
        if (!endpointTemplate.contains("{account}")) {
            throw new IllegalArgumentException("Batch endpoint template must contain {account}: " + endpointTemplate);
        }
        this.endpointTemplate = endpointTemplate;
        this.region = region;
        this.httpClient = httpClient;
        this.clock = clock;
    }

    @Override
    public void verify(ArmResourceId account, SecretValue key) {
        String name = account.name().toLowerCase(Locale.ROOT);
        String endpoint = endpointTemplate.replace("{account}", name);
        if (endpoint.contains("{region}")) {
            endpoint = endpoint.replace("{region}", region.apply(account));
        }
        URI uri = URI.create(endpoint.replaceAll("/+$", "") + "/applications?api-version=" + API_VERSION
                + "&maxresults=1");
        String date = new DateTimeRfc1123(clock.instant().atOffset(ZoneOffset.UTC)).toString();
        String authorization = BatchSharedKey.authorization(name, key.reveal(),
                BatchSharedKey.stringToSign("GET", uri, Map.of(OCP_DATE.getCaseInsensitiveName(), date), name));
        HttpRequest request = new HttpRequest(HttpMethod.GET, uri.toString())
                .setHeader(OCP_DATE, date)
                .setHeader(HttpHeaderName.AUTHORIZATION, authorization);
        try (HttpResponse response = httpClient.sendSync(request, Context.NONE)) {
            if (response.getStatusCode() != 200) {
                throw new HttpResponseException("List Applications of Batch account " + account.name()
                        + " with the key answered " + response.getStatusCode(), response);
            }
        }
    }
}
