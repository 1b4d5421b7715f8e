package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure Cache for Redis in one sandbox: {@code Microsoft.Cache/redis} on the ARM stand-in ({@code listKeys},
 * {@code regenerateKey} in the shapes of the official 2024-11-01 examples, {@code src/test/resources/contracts/redis})
 * and, as the data plane, the JVM's real {@link RedisServer}: every key the ARM stand-in issues or regenerates for a
 * cache is made a password of the server's default user at once, and a regenerated key's old value stops working.
 * The sandbox's caches share that one server, so any cache's endpoint accepts any of their current keys; which
 * cache a key belongs to is the ARM stand-in's to say ({@link #accepts}).
 */
public final class RedisCaches implements ArmKeyedType, AutoCloseable {

    public static final String PRIMARY = "Primary";
    public static final String SECONDARY = "Secondary";
    private static final AtomicInteger SANDBOXES = new AtomicInteger();

    private final ArmStandIn arm;
    private final RedisServer server;
    private final String prefix = "sandbox-" + SANDBOXES.incrementAndGet() + " ";

    RedisCaches(ArmStandIn arm, RedisServer server) {
        this.arm = arm;
        this.server = server;
    }

    /** Creates a cache with fresh Primary and Secondary keys, both accepted by the server; returns Primary. */
    public String create(String resourceId) {
        String primary = arm.createKeyed(this, resourceId);
        server.keys(prefix + resourceId.toLowerCase(Locale.ROOT), arm.keysOf(resourceId).values().stream()
                .map(KeyState::value).toList());
        return primary;
    }

    /** The value of {@code ROTATOR_REDIS_ENDPOINT_TEMPLATE} for this sandbox (plain RESP on loopback). */
    public String endpointTemplate() {
        return server.endpointTemplate();
    }

    /** Whether {@code value} is a current key of the cache (ARM) that the server takes with {@code AUTH} now. */
    public boolean accepts(String resourceId, String value) {
        return arm.acceptsKey(resourceId, value) && server.accepts(value);
    }

    /** Whether the server takes {@code value} with {@code AUTH} now, whatever ARM says. */
    public boolean serverAccepts(String value) {
        return server.accepts(value);
    }

    @Override
    public String resourceType() {
        return "Microsoft.Cache/redis";
    }

    @Override
    public List<String> keyNames() {
        return List.of(PRIMARY, SECONDARY);
    }

    @Override
    public String listAction() {
        return "listKeys";
    }

    @Override
    public boolean regenerates(String action) {
        return action.equalsIgnoreCase("regenerateKey");
    }

    /** The body's {@code keyType}, {@code Primary} or {@code Secondary} (the service ignores its case). */
    @Override
    public Optional<String> keyToRegenerate(StandIn.Request request, String action) {
        String keyType = request.json() == null ? "" : request.json().path("keyType").asText("");
        return keyNames().stream().filter(name -> name.equalsIgnoreCase(keyType)).findFirst();
    }

    @Override
    public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
        return StandIn.JSON.createObjectNode().put("primaryKey", keys.get(PRIMARY).value())
                .put("secondaryKey", keys.get(SECONDARY).value());
    }

    /** The server takes the new keys before ARM answers, as the service's regenerateKey returns once it is done. */
    @Override
    public StandIn.Response regenerated(String resourceId, Map<String, KeyState> keys) {
        server.keys(prefix + resourceId.toLowerCase(Locale.ROOT), keys.values().stream().map(KeyState::value).toList());
        return StandIn.Response.json(200, listBody(resourceId, keys));
    }

    /** The sandbox's caches' keys stop working at the shared server. */
    @Override
    public void close() {
        server.forget(prefix);
    }
}
