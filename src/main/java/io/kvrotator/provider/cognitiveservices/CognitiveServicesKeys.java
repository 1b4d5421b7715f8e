package io.kvrotator.provider.cognitiveservices;

import com.azure.resourcemanager.cognitiveservices.CognitiveServicesManager;
import com.azure.resourcemanager.cognitiveservices.fluent.AccountsClient;
import com.azure.resourcemanager.cognitiveservices.fluent.models.ApiKeysInner;
import com.azure.resourcemanager.cognitiveservices.models.KeyName;
import com.azure.resourcemanager.cognitiveservices.models.RegenerateKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.DualKeyService;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An Azure AI services / Azure OpenAI account's keys, {@code Key1}/{@code Key2}: ARM {@code listKeys} and
 * {@code regenerateKey} through {@code azure-resourcemanager-cognitiveservices} (one manager per subscription, built
 * on use), tried on the account's data plane.
 */
final class CognitiveServicesKeys implements DualKeyService<ArmResourceId> {

    static final String TYPE = "CognitiveServicesKey";
    static final String RESOURCE_TYPE = "Microsoft.CognitiveServices/accounts";
    private static final DualKeys KEYS = new DualKeys("Key1", "Key2");

    private final ArmManagers<CognitiveServicesManager> managers;
    private final CognitiveKeyVerifier verifier;

    CognitiveServicesKeys(ArmAccess arm, CognitiveKeyVerifier verifier) {
        this.managers = arm.managers((http, credential, profile) -> CognitiveServicesManager.configure()
                .withHttpClient(http).authenticate(credential, profile));
        this.verifier = verifier;
    }

    @Override
    public String credentialType() {
        return TYPE;
    }

    @Override
    public DualKeys keyNames() {
        return KEYS;
    }

    @Override
    public String addressFormat() {
        return "the Azure AI services account's resource ID"
                + " (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{name})";
    }

    @Override
    public Optional<ArmResourceId> parse(String providerAddress) {
        return ArmResourceId.parse(providerAddress, RESOURCE_TYPE);
    }

    @Override
    public String resourceId(ArmResourceId account) {
        return account.resourceId();
    }

    @Override
    public String describe(ArmResourceId account) {
        return "Azure AI services account " + account.name();
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId account) {
        return byName(accounts(account).listKeys(account.resourceGroup(), account.name()));
    }

    @Override
    public SecretValue regenerate(ArmResourceId account, String keyName) {
        KeyName name = KEYS.first().equalsIgnoreCase(keyName) ? KeyName.KEY1 : KeyName.KEY2;
        ApiKeysInner keys = accounts(account).regenerateKey(account.resourceGroup(), account.name(),
                new RegenerateKeyParameters().withKeyName(name));
        SecretValue regenerated = byName(keys).get(name == KeyName.KEY1 ? KEYS.first() : KEYS.second());
        if (regenerated == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateKey for " + describe(account) + " returned no "
                    + keyName);
        }
        return regenerated;
    }

    @Override
    public void verify(ArmResourceId account, SecretValue key) {
        verifier.verify(account, key);
    }

    private static Map<String, SecretValue> byName(ApiKeysInner keys) {
        Map<String, SecretValue> byName = new HashMap<>();
        if (keys != null) {
            put(byName, KEYS.first(), keys.key1());
            put(byName, KEYS.second(), keys.key2());
        }
        return byName;
    }

    private static void put(Map<String, SecretValue> byName, String name, String value) {
        if (value != null && !value.isEmpty()) {
            byName.put(name, SecretValue.of(value));
        }
    }

    private AccountsClient accounts(ArmResourceId account) {
        return managers.of(account.subscriptionId())
                .serviceClient().getAccounts();
    }
}
