package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which secrets could be replaced by a managed identity: those whose resource accepts Microsoft Entra ID. */
class ManagedIdentityOptionTest {

    private static final String RG = "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de/resourceGroups/rg-app";

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of(RG + "/providers/Microsoft.Storage/storageAccounts/stpayments", "Azure Storage"),
                Arguments.of(RG + "/providers/microsoft.storage/STORAGEACCOUNTS/stpayments", "Azure Storage"),
                Arguments.of(RG + "/providers/Microsoft.ServiceBus/namespaces/sb-orders/authorizationRules/send",
                        "Azure Service Bus"),
                Arguments.of(RG + "/providers/Microsoft.EventHub/namespaces/eh-telemetry/eventhubs/clicks"
                        + "/authorizationRules/listen", "Azure Event Hubs"),
                Arguments.of(RG + "/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-orders", "Azure Cosmos DB"),
                Arguments.of(RG + "/providers/Microsoft.Cache/redis/redis-sessions", "Azure Cache for Redis"),
                Arguments.of(RG + "/providers/Microsoft.CognitiveServices/accounts/ai-search", "Azure AI services"),
                Arguments.of(RG + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders",
                        "Azure Database for PostgreSQL"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("services")
    @DisplayName("a secret of a resource that accepts Entra ID could be replaced, with Microsoft's guide")
    void candidates(String providerAddress, String service) {
        var option = ManagedIdentityOption.of(secret(Map.of("ProviderAddress", providerAddress)));

        assertThat(option).get().satisfies(found -> {
            assertThat(found.service()).isEqualTo(service);
            assertThat(found.guide()).startsWith("https://learn.microsoft.com/azure/");
            assertThat(found.note()).startsWith("could be replaced by a managed identity (" + service)
                    .endsWith(found.guide());
        });
    }

    @Test
    @DisplayName("an app registration, another resource type, a secret without ProviderAddress or a certificate is"
            + " no candidate")
    void others() {
        assertThat(ManagedIdentityOption.of(secret(Map.of("ProviderAddress", "631a96bc-a705-4eda-9f99-fdaf9f54f6a2"))))
                .isEmpty();
        assertThat(ManagedIdentityOption.of(secret(Map.of("ProviderAddress",
                RG + "/providers/Microsoft.ContainerRegistry/registries/acrpayments")))).isEmpty();
        assertThat(ManagedIdentityOption.of(secret(Map.of("ProviderAddress", "https://partner.example/keys/7"))))
                .isEmpty();
        assertThat(ManagedIdentityOption.of(secret(Map.of()))).isEmpty();
        assertThat(ManagedIdentityOption.of(new ExpiryItem("vault-kv-dev-app", ItemKind.CERTIFICATE, "www", "kv-dev-app",
                "www", Instant.parse("2027-01-01T00:00:00Z"), List.of(), null, null))).isEmpty();
    }

    private static ExpiryItem secret(Map<String, String> tags) {
        SecretVersion listed = new SecretVersion(new SecretRef("kv-dev-app", "API-KEY"), null, true, null, null,
                Instant.parse("2027-01-01T00:00:00Z"), null, tags);
        return new ExpiryItem("vault-kv-dev-app", ItemKind.SECRET, "API-KEY", "kv-dev-app", "API-KEY",
                listed.expiresOn(), List.of(), null, listed);
    }
}
