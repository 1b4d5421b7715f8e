package io.kvrotator.provider.postgresql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host name or IP literal and a TCP port, as written {@code host:port} ({@code [::1]:5432} for IPv6). */
record HostPort(String host, int port) {

    static final int DEFAULT_PORT = 5432;
    private static final Pattern PATTERN = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])(?::([0-9]{1,5}))?");

    /** Parses {@code host[:port]} (the port defaults to 5432); empty for anything else. */
    static Optional<HostPort> parse(String text) {
        Matcher matcher = PATTERN.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = matcher.group(2) == null ? DEFAULT_PORT : Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(matcher.group(1).toLowerCase(Locale.ROOT), port));
    }

    /** Whether the host is this machine, where a server may be reached without TLS. */
    boolean loopback() {
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.[0-9]{1,3}){3}");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
