package io.kvrotator.provider.cosmosdb;

/**
 * A Cosmos DB account's endpoint, from {@code ROTATOR_COSMOS_ENDPOINT_TEMPLATE}: e.g.
 * {@code https://{account}.documents.azure.com:443/}, always ending in a slash.
 */
record CosmosEndpoint(String template) {

    static final String PLACEHOLDER = "{account}";

    CosmosEndpoint {
        template = template.endsWith("/") ? template : template + "/";
    }

    String of(String accountName) {
        return template.replace(PLACEHOLDER, accountName);
    }
}
