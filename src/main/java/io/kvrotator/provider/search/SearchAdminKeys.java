package io.kvrotator.provider.search;

import com.azure.resourcemanager.search.SearchServiceManager;
import com.azure.resourcemanager.search.fluent.AdminKeysClient;
import com.azure.resourcemanager.search.fluent.models.AdminKeyResultInner;
import com.azure.resourcemanager.search.models.AdminKeyKind;
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
 * An Azure AI Search service's admin keys, {@code primary}/{@code secondary} (the {@code keyKind} names): ARM
 * {@code listAdminKeys} and {@code regenerateAdminKey} through {@code azure-resourcemanager-search} (one manager per
 * subscription, built on use), tried on the service's data plane.
 */
final class SearchAdminKeys extends ArmDualKeyService {

    static final String TYPE = "SearchAdminKey";
    static final String RESOURCE_TYPE = "Microsoft.Search/searchServices";
    private static final DualKeys KEYS = new DualKeys("primary", "secondary");

    private final ArmManagers<SearchServiceManager> managers;
    private final SearchAdminKeyVerifier verifier;

    SearchAdminKeys(ArmAccess arm, SearchAdminKeyVerifier verifier) {
        super(TYPE, RESOURCE_TYPE, KEYS, "search service");
        this.managers = arm.managers((http, credential, profile, retry) -> SearchServiceManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
        this.verifier = verifier;
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId service) {
        return byName(adminKeys(service).get(service.resourceGroup(), service.name()));
    }

    @Override
    public Optional<SecretValue> regenerate(ArmResourceId service, String keyName) {
        boolean primary = KEYS.first().equalsIgnoreCase(keyName);
        AdminKeyResultInner keys = adminKeys(service).regenerateWithResponse(service.resourceGroup(), service.name(),
                primary ? AdminKeyKind.PRIMARY : AdminKeyKind.SECONDARY, null, ArmRetryPolicy.sentOnce()).getValue();
        SecretValue regenerated = byName(keys).get(primary ? KEYS.first() : KEYS.second());
        if (regenerated == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateAdminKey for " + describe(service)
                    + " returned no " + keyName + " key");
        }
        return Optional.of(regenerated);
    }

    @Override
    public void verify(ArmResourceId service, SecretValue key) {
        verifier.verify(service, key);
    }

    private static Map<String, SecretValue> byName(AdminKeyResultInner keys) {
        Map<String, SecretValue> byName = new HashMap<>();
        if (keys != null) {
            put(byName, KEYS.first(), keys.primaryKey());
            put(byName, KEYS.second(), keys.secondaryKey());
        }
        return byName;
    }

    private static void put(Map<String, SecretValue> byName, String name, String value) {
        if (value != null && !value.isEmpty()) {
            byName.put(name, SecretValue.of(value));
        }
    }

    private AdminKeysClient adminKeys(ArmResourceId service) {
        return managers.of(service.subscriptionId())
                .serviceClient().getAdminKeys();
    }
}
