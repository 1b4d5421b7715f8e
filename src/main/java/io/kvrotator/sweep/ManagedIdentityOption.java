package io.kvrotator.sweep;

import io.kvrotator.vault.Tags;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret whose resource accepts Microsoft Entra ID authentication, so that its consumers could use a managed
 * identity instead of the secret (the standard's "managed identity first"), found from the Azure resource ID its
 * {@code ProviderAddress} tag holds (a resource or one of its children, e.g. a Service Bus authorization rule).
 *
 * @param service the service, e.g. {@code Azure Storage}
 * @param guide   Microsoft's guide to using a managed identity with it
 */
public record ManagedIdentityOption(String service, String guide) {

    private static final Pattern RESOURCE_TYPE = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/([^/]+/[^/]+)/[^/]+(?:/.*)?",
            Pattern.CASE_INSENSITIVE);

    /** By resource type in lower case: the services the standard names, with Microsoft Learn's guide for each. */
    private static final Map<String, ManagedIdentityOption> BY_RESOURCE_TYPE = Map.of(
            "microsoft.storage/storageaccounts", new ManagedIdentityOption("Azure Storage",
                    "https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory"),
            "microsoft.servicebus/namespaces", new ManagedIdentityOption("Azure Service Bus",
                    "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-managed-service-identity"),
            "microsoft.eventhub/namespaces", new ManagedIdentityOption("Azure Event Hubs",
                    "https://learn.microsoft.com/azure/event-hubs/authenticate-managed-identity"),
            "microsoft.documentdb/databaseaccounts", new ManagedIdentityOption("Azure Cosmos DB",
                    "https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access"),
            "microsoft.cache/redis", new ManagedIdentityOption("Azure Cache for Redis",
                    "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-azure-active-directory-for-authentication"),
            "microsoft.cognitiveservices/accounts", new ManagedIdentityOption("Azure AI services",
                    "https://learn.microsoft.com/azure/ai-services/authentication#authenticate-with-microsoft-entra-id"),
            "microsoft.dbforpostgresql/flexibleservers", new ManagedIdentityOption("Azure Database for PostgreSQL",
                    "https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-connect-with-managed-identity"));

    /** The option for a listed secret whose resource accepts Entra ID; empty for anything else. */
    public static Optional<ManagedIdentityOption> of(ExpiryItem item) {
        if (item.kind() != ItemKind.SECRET || item.listed() == null) {
            return Optional.empty();
        }
        return item.listed().tag(Tags.PROVIDER_ADDRESS).map(RESOURCE_TYPE::matcher).filter(Matcher::matches)
                .map(matcher -> BY_RESOURCE_TYPE.get(matcher.group(1).toLowerCase(Locale.ROOT)));
    }

    /** What the digest says of such a secret. */
    public String note() {
        return "could be replaced by a managed identity (" + service + " accepts Microsoft Entra ID): " + guide;
    }
}
