package io.kvrotator.provider.redis;

import com.azure.resourcemanager.redis.RedisManager;
import com.azure.resourcemanager.redis.fluent.models.RedisAccessKeysInner;
import com.azure.resourcemanager.redis.models.RedisKeyType;
import com.azure.resourcemanager.redis.models.RedisRegenerateKeyParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.Map;

/** A cache's access keys over {@code azure-resourcemanager-redis}: {@code listKeys}, {@code regenerateKey}. */
final class ArmRedisKeys {

    private final ArmManagers<RedisManager> managers;

    ArmRedisKeys(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile, retry) -> RedisManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
    }

    Map<String, SecretValue> list(ArmResourceId cache) {
        return byName(manager(cache).serviceClient().getRedis().listKeys(cache.resourceGroup(), cache.name()));
    }

    SecretValue regenerate(ArmResourceId cache, String keyName) {
        RedisAccessKeysInner keys = manager(cache).serviceClient().getRedis().regenerateKeyWithResponse(
                cache.resourceGroup(), cache.name(),
                new RedisRegenerateKeyParameters().withKeyType(RedisKeyType.fromString(keyName)),
                ArmRetryPolicy.sentOnce()).getValue();
        SecretValue key = byName(keys).get(keyName);
        if (key == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateKey for Redis cache " + cache.name()
                    + " returned no " + keyName + " key");
        }
        return key;
    }

    private static Map<String, SecretValue> byName(RedisAccessKeysInner keys) {
        Map<String, SecretValue> byName = new HashMap<>();
        if (keys != null && keys.primaryKey() != null && !keys.primaryKey().isEmpty()) {
            byName.put(RedisCacheKeys.PRIMARY, SecretValue.of(keys.primaryKey()));
        }
        if (keys != null && keys.secondaryKey() != null && !keys.secondaryKey().isEmpty()) {
            byName.put(RedisCacheKeys.SECONDARY, SecretValue.of(keys.secondaryKey()));
        }
        return byName;
    }

    private RedisManager manager(ArmResourceId cache) {
        return managers.of(cache.subscriptionId());
    }
}
