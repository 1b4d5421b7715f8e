package io.kvrotator.provider.redis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cache's data plane listens, from {@code ROTATOR_REDIS_ENDPOINT_TEMPLATE}: {@code rediss://} (TLS) or
 * {@code redis://} (plain), a host with {@code {name}} for the cache's name, and a port. Azure Cache for Redis:
 * {@code rediss://{name}.redis.cache.windows.net:6380}.
 */
record RedisEndpoint(boolean tls, String hostTemplate, int port) {

    static final String PLACEHOLDER = "{name}";
    static final Pattern TEMPLATE = Pattern.compile("(rediss?)://((?:[A-Za-z0-9.-]|\\{name})+):([0-9]{1,5})/?");

    /** @param template a value {@link #TEMPLATE} matches (checked when the settings are read) */
    static RedisEndpoint parse(String template) {
        Matcher matcher = TEMPLATE.matcher(template);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a redis:// or rediss:// endpoint template: " + template);
        }
        return new RedisEndpoint(matcher.group(1).equals("rediss"), matcher.group(2),
                Integer.parseInt(matcher.group(3)));
    }

    String host(String cacheName) {
        return hostTemplate.replace(PLACEHOLDER, cacheName);
    }
}
