package io.kvrotator.provider.redis;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=RedisKey}: Azure Cache for Redis access keys, alternating {@code Primary}/{@code Secondary}.
 * Verified on the data plane: the cache must accept the new key with {@code AUTH} (then {@code PING}) over TLS.
 * Azure has no built-in role as narrow as listing and regenerating the keys (Redis Cache Contributor may change and
 * delete caches), so kv-rotator defines one with exactly those two actions.
 */
public final class RedisKeyFactory implements ProviderFactory {

    public static final ProviderSetting ENDPOINT_TEMPLATE = new ProviderSetting("ROTATOR_REDIS_ENDPOINT_TEMPLATE",
            "rediss://{name}.redis.cache.windows.net:6380",
            "Data-plane endpoint of a Redis cache, with {name} for the cache's name: rediss:// (TLS) or redis://,"
                    + " host and port; used to verify a regenerated key and in connection strings.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_REDIS_KEY_VALIDITY_DAYS", "60",
            "Lifetime of a new Redis key version when the secret has no ValidityPeriodDays tag; at least 1.5 times"
                    + " ROTATOR_NEAR_EXPIRY_DAYS.");
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String credentialType() {
        return RedisCacheKeys.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(ENDPOINT_TEMPLATE, VALIDITY_DAYS);
    }

    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom(RedisCacheKeys.RESOURCE_TYPE, "kv-rotator Redis Key Operator",
                List.of("Microsoft.Cache/redis/listKeys/action", "Microsoft.Cache/redis/regenerateKey/action"),
                "list and regenerate the Primary/Secondary access keys. No built-in role is as narrow: Redis Cache"
                        + " Contributor may also change and delete caches"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String template = values.matching(ENDPOINT_TEMPLATE, RedisEndpoint.TEMPLATE,
                "rediss:// or redis://, a host (with {name} for the cache's name) and a port, e.g. "
                        + ENDPOINT_TEMPLATE.defaultValue());
        RedisEndpoint endpoint = RedisEndpoint.TEMPLATE.matcher(template).matches() ? RedisEndpoint.parse(template)
                : RedisEndpoint.parse(ENDPOINT_TEMPLATE.defaultValue());
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new RedisCacheKeys(
                new ArmRedisKeys(context.arm()), new RespAuthVerifier(endpoint, VERIFY_TIMEOUT), endpoint),
                context.verifyRetry(), validity));
    }
}
