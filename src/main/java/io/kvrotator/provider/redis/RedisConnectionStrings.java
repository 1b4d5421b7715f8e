package io.kvrotator.provider.redis;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.vault.SecretValue;
import java.util.Optional;

/**
 * Redis connection strings as the portal shows them for StackExchange.Redis:
 * {@code {name}.redis.cache.windows.net:6380,password={key},ssl=True,abortConnect=False}.
 */
final class RedisConnectionStrings implements ConnectionStrings<ArmResourceId> {

    private final RedisEndpoint endpoint;

    RedisConnectionStrings(RedisEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public SecretValue build(ArmResourceId cache, String keyName, SecretValue key) {
        return SecretValue.of(endpoint.host(cache.name()) + ":" + endpoint.port() + ",password=" + key.reveal()
                + ",ssl=" + (endpoint.tls() ? "True" : "False") + ",abortConnect=False");
    }

    @Override
    public Optional<SecretValue> key(SecretValue connectionString) {
        return ConnectionStrings.part(connectionString, ",", "password");
    }
}
