package io.kvrotator.provider.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import io.kvrotator.app.Settings;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.SearchStandIn;
import io.kvrotator.vault.SecretValue;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the shared provider contract does not reach: addresses, settings, and the data-plane check on its own. */
class SearchAdminKeysTest {

    private static final String SERVICE = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-search/providers/Microsoft.Search/searchServices/srch-orders";

    @Test
    @DisplayName("ProviderAddress must be a search service's resource ID")
    void parsesOnlySearchServices() {
        SearchAdminKeys keys = new SearchAdminKeys(ArmAccess.of("https://management.azure.com/", null, null), null);

        assertThat(keys.parse(SERVICE)).get().extracting(ArmResourceId::name).isEqualTo("srch-orders");
        assertThat(keys.parse(SERVICE.replace("Microsoft.Search/searchServices",
                "Microsoft.CognitiveServices/accounts"))).isEmpty();
        assertThat(keys.parse(SERVICE + "/sharedPrivateLinkResources/x")).isEmpty();
        assertThat(keys.keyNames().other("PRIMARY")).isEqualTo("secondary");
    }

    @Test
    @DisplayName("servicestats accepts the service's current admin keys and refuses any other, naming no key")
    void verifiesOnTheDataPlane() {
        try (Sandbox sandbox = Sandbox.start(new MutableClock(SandboxTest.START))) {
            String primary = sandbox.search.createService(SERVICE);
            String secondary = sandbox.search.adminKeys(SERVICE).get("secondary").value();
            SearchAdminKeyVerifier verifier = new SearchAdminKeyVerifier(sandbox.search.endpointTemplate() + "/",
                    HttpClient.createDefault());
            ArmResourceId service = ArmResourceId.parse(SERVICE, SearchAdminKeys.RESOURCE_TYPE).orElseThrow();

            assertThatCode(() -> verifier.verify(service, SecretValue.of(primary))).doesNotThrowAnyException();
            assertThatCode(() -> verifier.verify(service, SecretValue.of(secondary))).doesNotThrowAnyException();
            sandbox.arm.createKeyed(SearchStandIn.ADMIN_KEYS, SERVICE);
            assertThatThrownBy(() -> verifier.verify(service, SecretValue.of(primary)))
                    .isInstanceOfSatisfying(HttpResponseException.class, e -> {
                        assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("srch-orders").doesNotContain(primary);
                    });
        }
    }

    @Test
    @DisplayName("lists primary/secondary and regenerates only the key kind asked for, through the ARM SDK")
    void listsAndRegenerates() {
        try (Sandbox sandbox = Sandbox.start(new MutableClock(SandboxTest.START))) {
            String primary = sandbox.search.createService(SERVICE);
            SearchAdminKeys keys = new SearchAdminKeys(ArmAccess.of(sandbox.arm.baseUrl() + "/",
                    sandbox.credential, HttpClient.createDefault()), null);
            ArmResourceId service = keys.parse(SERVICE).orElseThrow();

            assertThat(keys.list(service)).containsOnlyKeys("primary", "secondary")
                    .containsEntry("primary", SecretValue.of(primary));
            SecretValue regenerated = keys.regenerate(service, "secondary").orElseThrow();

            assertThat(sandbox.search.adminKeys(SERVICE).get("secondary").fingerprint())
                    .isEqualTo(SecretValue.fingerprintOf(regenerated.reveal()));
            assertThat(sandbox.search.adminKeys(SERVICE).get("primary").value()).isEqualTo(primary);
            assertThat(sandbox.arm.calls()).anySatisfy(call ->
                    assertThat(call.path()).endsWith("/srch-orders/regenerateAdminKey/secondary"));
        }
    }

    @Test
    @DisplayName("an endpoint template without {service} stops the worker, naming the setting")
    void endpointNeedsTheService() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_SEARCH_ENDPOINT_TEMPLATE", "https://{account}.search.windows.net")))
                .hasMessageContaining("ROTATOR_SEARCH_ENDPOINT_TEMPLATE must contain {service}");
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app")).providers())
                .anySatisfy(configured -> assertThat(configured.credentialType()).isEqualTo("SearchAdminKey"));
    }
}
