package io.kvrotator.provider.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisConnectionStringsTest {

    private static final ArmResourceId CACHE = ArmResourceId.parse("/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de"
            + "/resourceGroups/rg1/providers/Microsoft.Cache/redis/contoso5", "Microsoft.Cache/redis").orElseThrow();

    @Test
    @DisplayName("writes the StackExchange.Redis form the portal shows, and reads the key back out of it")
    void azureForm() {
        RedisConnectionStrings strings = new RedisConnectionStrings(RedisEndpoint.parse(
                "rediss://{name}.redis.cache.windows.net:6380"));

        SecretValue built = strings.build(CACHE, "Primary", SecretValue.of("k3y+with/base64=="));

        assertThat(built.reveal()).isEqualTo(
                "contoso5.redis.cache.windows.net:6380,password=k3y+with/base64==,ssl=True,abortConnect=False");
        assertThat(strings.key(built)).contains(SecretValue.of("k3y+with/base64=="));
    }

    @Test
    @DisplayName("says ssl=False for a plain redis:// endpoint, and finds the key wherever the password option is")
    void plainEndpoint() {
        RedisConnectionStrings strings = new RedisConnectionStrings(RedisEndpoint.parse("redis://127.0.0.1:6379"));

        assertThat(strings.build(CACHE, "Secondary", SecretValue.of("abc")).reveal())
                .isEqualTo("127.0.0.1:6379,password=abc,ssl=False,abortConnect=False");
        assertThat(strings.key(SecretValue.of("h:6380,ssl=True,Password=xyz=,abortConnect=False")))
                .contains(SecretValue.of("xyz="));
        assertThat(strings.key(SecretValue.of("h:6380,ssl=True"))).isEmpty();
    }

    @Test
    @DisplayName("parses rediss:// and redis:// endpoint templates, and nothing else")
    void endpointTemplates() {
        RedisEndpoint azure = RedisEndpoint.parse("rediss://{name}.redis.cache.windows.net:6380");

        assertThat(azure.tls()).isTrue();
        assertThat(azure.port()).isEqualTo(6380);
        assertThat(azure.host("contoso5")).isEqualTo("contoso5.redis.cache.windows.net");
        assertThat(RedisEndpoint.TEMPLATE.matcher("https://{name}.redis.cache.windows.net:6380").matches()).isFalse();
        assertThat(RedisEndpoint.TEMPLATE.matcher("rediss://{name}.redis.cache.windows.net").matches()).isFalse();
        assertThat(RedisEndpoint.TEMPLATE.matcher("rediss://{other}.redis.cache.windows.net:6380").matches()).isFalse();
    }
}
