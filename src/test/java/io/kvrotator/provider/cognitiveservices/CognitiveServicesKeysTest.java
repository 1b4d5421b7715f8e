package io.kvrotator.provider.cognitiveservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import io.kvrotator.app.Settings;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.sandbox.CognitiveServicesStandIn;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.vault.SecretValue;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the shared provider contract does not reach: addresses, settings, and the data-plane check on its own. */
class CognitiveServicesKeysTest {

    private static final String ACCOUNT = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID
            + "/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/ai-payments";

    @Test
    @DisplayName("ProviderAddress must be an Azure AI services account's resource ID")
    void parsesOnlyAccounts() {
        CognitiveServicesKeys keys = new CognitiveServicesKeys(ArmAccess.of("https://management.azure.com/", null, null), null);

        assertThat(keys.parse(ACCOUNT)).get().extracting(ArmResourceId::name).isEqualTo("ai-payments");
        assertThat(keys.parse(ACCOUNT.replace("Microsoft.CognitiveServices/accounts",
                "Microsoft.Storage/storageAccounts"))).isEmpty();
        assertThat(keys.parse(ACCOUNT + "/deployments/gpt-4o")).isEmpty();
        assertThat(keys.parse("ai-payments")).isEmpty();
        assertThat(keys.keyNames().other("key1")).isEqualTo("Key2");
    }

    @Test
    @DisplayName("the data plane accepts the account's current keys and refuses any other, naming no key")
    void verifiesOnTheDataPlane() {
        try (Sandbox sandbox = Sandbox.start(new MutableClock(SandboxTest.START))) {
            String key1 = sandbox.cognitive.createAccount(ACCOUNT);
            String key2 = sandbox.cognitive.keys(ACCOUNT).get("Key2").value();
            CognitiveKeyVerifier verifier = new CognitiveKeyVerifier(sandbox.cognitive.verifyUrlTemplate(),
                    HttpClient.createDefault());
            ArmResourceId account = ArmResourceId.parse(ACCOUNT, CognitiveServicesKeys.RESOURCE_TYPE).orElseThrow();

            assertThatCode(() -> verifier.verify(account, SecretValue.of(key1))).doesNotThrowAnyException();
            assertThatCode(() -> verifier.verify(account, SecretValue.of(key2))).doesNotThrowAnyException();
            String stale = key1;
            sandbox.arm.createKeyed(CognitiveServicesStandIn.KEYS, ACCOUNT);
            assertThatThrownBy(() -> verifier.verify(account, SecretValue.of(stale)))
                    .isInstanceOfSatisfying(HttpResponseException.class, e -> {
                        assertThat(e.getResponse().getStatusCode()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("ai-payments").doesNotContain(stale);
                    });
        }
    }

    @Test
    @DisplayName("lists Key1/Key2 and regenerates only the key asked for, through the ARM SDK")
    void listsAndRegenerates() {
        try (Sandbox sandbox = Sandbox.start(new MutableClock(SandboxTest.START))) {
            String key1 = sandbox.cognitive.createAccount(ACCOUNT);
            CognitiveServicesKeys keys = new CognitiveServicesKeys(ArmAccess.of(sandbox.arm.baseUrl() + "/",
                    sandbox.credential, HttpClient.createDefault()), null);
            ArmResourceId account = keys.parse(ACCOUNT).orElseThrow();

            assertThat(keys.list(account)).containsOnlyKeys("Key1", "Key2").containsEntry("Key1", SecretValue.of(key1));
            SecretValue regenerated = keys.regenerate(account, "Key2").orElseThrow();

            assertThat(sandbox.cognitive.keys(ACCOUNT).get("Key2").fingerprint())
                    .isEqualTo(SecretValue.fingerprintOf(regenerated.reveal()));
            assertThat(sandbox.cognitive.keys(ACCOUNT).get("Key1").value()).isEqualTo(key1);
        }
    }

    @Test
    @DisplayName("a verification URL without {account} stops the worker, naming the setting")
    void verifyUrlNeedsTheAccount() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_COGNITIVE_VERIFY_URL_TEMPLATE", "https://ai.openai.azure.com/openai/models")))
                .hasMessageContaining("ROTATOR_COGNITIVE_VERIFY_URL_TEMPLATE must contain {account}");
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app")).providers())
                .anySatisfy(configured -> assertThat(configured.credentialType()).isEqualTo("CognitiveServicesKey"));
    }
}
