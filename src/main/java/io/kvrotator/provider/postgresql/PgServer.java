package io.kvrotator.provider.postgresql;

/**
 * The PostgreSQL server a secret's {@code ProviderAddress} names, resolved: where to connect, and what it is called
 * in messages.
 *
 * @param name the flexible server's resource ID, or the {@code host:port} of a local server
 */
record PgServer(String name, HostPort endpoint) {

    String host() {
        return endpoint.host();
    }

    int port() {
        return endpoint.port();
    }

    @Override
    public String toString() {
        return name;
    }
}
