package io.kvrotator.provider.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.RedisServer;
import io.kvrotator.vault.SecretValue;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The RESP client against a real redis-server: AUTH with the key, then PING. */
class RespAuthVerifierTest {

    private static final ArmResourceId CACHE = ArmResourceId.parse("/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de"
            + "/resourceGroups/rg1/providers/Microsoft.Cache/redis/cache1", "Microsoft.Cache/redis").orElseThrow();
    private final RedisServer server = RedisServer.shared();
    private final String cache = "resp-test-" + UUID.randomUUID() + " ";

    @AfterEach
    void forget() {
        server.forget(cache);
    }

    @Test
    @DisplayName("accepts a key the server takes as the default user's password, either of two")
    void acceptsCurrentKeys() {
        String first = key();
        String second = key();
        server.keys(cache, List.of(first, second));
        RespAuthVerifier verifier = new RespAuthVerifier(RedisEndpoint.parse(server.endpointTemplate()),
                Duration.ofSeconds(5));

        verifier.verify(CACHE, SecretValue.of(first));
        verifier.verify(CACHE, SecretValue.of(second));
    }

    @Test
    @DisplayName("refuses a key the server does not take, saying so without the key")
    void refusesOtherKeys() {
        server.keys(cache, List.of(key()));
        String wrong = key();
        RespAuthVerifier verifier = new RespAuthVerifier(RedisEndpoint.parse(server.endpointTemplate()),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> verifier.verify(CACHE, SecretValue.of(wrong)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Redis cache cache1 refused the key").hasMessageContaining("WRONGPASS")
                .message().doesNotContain(wrong);
    }

    @Test
    @DisplayName("fails as unreachable, not as refused, when nothing listens")
    void unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RespAuthVerifier verifier = new RespAuthVerifier(RedisEndpoint.parse("redis://127.0.0.1:" + port),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> verifier.verify(CACHE, SecretValue.of(key())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("could not be asked");
    }

    @Test
    @DisplayName("over rediss:// insists on TLS: a plain server fails the handshake instead of getting the key")
    void tlsRequiredForRediss() {
        String key = key();
        server.keys(cache, List.of(key));
        RespAuthVerifier verifier = new RespAuthVerifier(RedisEndpoint.parse("rediss://127.0.0.1:" + server.port()),
                Duration.ofSeconds(2));

        assertThatThrownBy(() -> verifier.verify(CACHE, SecretValue.of(key))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    @DisplayName("writes commands as RESP arrays of bulk strings")
    void commandEncoding() {
        assertThat(new String(RespAuthVerifier.command("AUTH", "pä"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("*2\r\n$4\r\nAUTH\r\n$3\r\npä\r\n");
    }

    private static String key() {
        String key = UUID.randomUUID() + "+/=" + UUID.randomUUID();
        IssuedSecrets.record(key);
        return key;
    }
}
