package io.kvrotator.provider.cosmosdb;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.time.Clock;

/**
 * Proves a Cosmos DB key on the account's data plane: {@code GET /dbs} (List Databases, which read-only keys may
 * also do) signed with the key as a master token.
 */
final class CosmosDbKeyVerifier {

    static final String API_VERSION = "2018-12-31";

    private final CosmosEndpoint endpoint;
    private final HttpClient httpClient;
    private final Clock clock;

    CosmosDbKeyVerifier(CosmosEndpoint endpoint, HttpClient httpClient, Clock clock) {
        this.endpoint = endpoint;
        this.httpClient = httpClient;
        this.clock = clock;
    }

    /** Returns normally when the account accepts the key; throws when it refuses it or cannot be reached. */
    void verify(ArmResourceId account, SecretValue key) {
        String date = MasterKeyAuthorization.date(clock.instant());
        HttpRequest request = new HttpRequest(HttpMethod.GET, endpoint.of(account.name()) + "dbs")
                .setHeader("x-ms-date", date)
                .setHeader("x-ms-version", API_VERSION)
                .setHeader("Accept", "application/json")
                .setHeader("Authorization", MasterKeyAuthorization.header("GET", "dbs", "", date, key.reveal()));
        try (HttpResponse response = httpClient.sendSync(request, Context.NONE)) {
            if (response.getStatusCode() != 200) {
                throw new HttpResponseException("Cosmos DB account " + account.name() + " answered "
                        + response.getStatusCode() + " to GET /dbs with the key", response);
            }
        }
    }
}
