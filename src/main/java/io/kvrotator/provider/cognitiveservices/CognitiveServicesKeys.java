package io.kvrotator.provider.cognitiveservices;

import com.azure.resourcemanager.cognitiveservices.CognitiveServicesManager;
import com.azure.resourcemanager.cognitiveservices.fluent.AccountsClient;
import com.azure.resourcemanager.cognitiveservices.fluent.models.ApiKeysInner;
import com.azure.resourcemanager.cognitiveservices.models.KeyName;
import com.azure.resourcemanager.cognitiveservices.models.RegenerateKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmDualKeyService;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.provider.ArmResourceId;
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
final class CognitiveServicesKeys extends ArmDualKeyService {

    static final String TYPE = "CognitiveServicesKey";
    static final String RESOURCE_TYPE = "Microsoft.CognitiveServices/accounts";
    private static final DualKeys KEYS = new DualKeys("Key1", "Key2");

    private final ArmManagers<CognitiveServicesManager> managers;
    private final CognitiveKeyVerifier verifier;

    CognitiveServicesKeys(ArmAccess arm, CognitiveKeyVerifier verifier) {
        super(TYPE, RESOURCE_TYPE, KEYS, "Azure AI services account");
        this.managers = arm.managers((http, credential, profile, retry) -> CognitiveServicesManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
        this.verifier = verifier;
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId account) {
        return byName(accounts(account).listKeys(account.resourceGroup(), account.name()));
    }

    @Override
    public Optional<SecretValue> regenerate(ArmResourceId account, String keyName) {
        KeyName name = KEYS.first().equalsIgnoreCase(keyName) ? KeyName.KEY1 : KeyName.KEY2;
        ApiKeysInner keys = accounts(account).regenerateKeyWithResponse(account.resourceGroup(), account.name(),
                new RegenerateKeyParameters().withKeyName(name), ArmRetryPolicy.sentOnce()).getValue();
        SecretValue regenerated = byName(keys).get(name == KeyName.KEY1 ? KEYS.first() : KEYS.second());
        if (regenerated == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateKey for " + describe(account) + " returned no "
                    + keyName);
        }
        return Optional.of(regenerated);
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
